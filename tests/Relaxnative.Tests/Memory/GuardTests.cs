using Relaxnative.Memory.Heap;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

public unsafe class GuardTests
{
    private static readonly AllocOptions Guarded = new() { Guard = true };

    [Fact]
    public void Free_OneByteWrittenPastEnd_ThrowsOverrunAtOffsetSize()
    {
        var buffer = Native.Alloc(64, Guarded);
        nint address = buffer.Address;
        *(byte*)(address + 64) = 0x42; // what an off-by-one loop in C does

        var e = Assert.Throws<BufferOverrunException>(buffer.Free);
        Assert.Equal(GuardSide.After, e.Side);
        Assert.Equal(64, e.Offset);
        Assert.Equal(address, e.Address);
        Assert.Equal(64, e.Size);
        Assert.Contains("offset is 64", e.Message);
        Assert.Contains("after", e.Message);
        Assert.True(buffer.IsFreed);
        Assert.Throws<InvalidFreeException>(buffer.Free); // released anyway; freeing again is a double free
    }

    [Fact]
    public void Free_ByteWrittenFurtherPastEnd_ReportsFirstDamagedOffset()
    {
        var buffer = Native.Alloc(100, Guarded);
        *(byte*)(buffer.Address + 103) = 1;
        *(byte*)(buffer.Address + 110) = 1;
        var e = Assert.Throws<BufferOverrunException>(buffer.Free);
        Assert.Equal(103, e.Offset);
    }

    [Fact]
    public void Free_ByteWrittenBeforeStart_ThrowsUnderrunAtNegativeOffset()
    {
        var buffer = Native.Alloc(32, Guarded);
        *(byte*)(buffer.Address - 1) = 0;
        var e = Assert.Throws<BufferOverrunException>(buffer.Free);
        Assert.Equal(GuardSide.Before, e.Side);
        Assert.Equal(-1, e.Offset);
        Assert.Contains("before", e.Message);
    }

    [Fact]
    public void Free_WritesInsideBounds_DoNotTrip()
    {
        var buffer = Native.Alloc(64, Guarded);
        buffer.AsSpan().Fill(0xFD);
        buffer.AsSpan().Fill(0xFF);
        Assert.True(buffer.IsGuarded);
        buffer.Free();
    }

    [Fact]
    public void Free_LargeAlignment_GuardStillWorks()
    {
        var buffer = Native.Alloc(64, Guarded with { Alignment = 256 });
        Assert.Equal(0, buffer.Address % 256);
        *(byte*)(buffer.Address + 64) = 1;
        Assert.Equal(64, Assert.Throws<BufferOverrunException>(buffer.Free).Offset);
    }

    [Fact]
    public void Dispose_Overrun_DoesNotThrowButReportsEvent()
    {
        var buffer = Native.Alloc(16, Guarded);
        nint address = buffer.Address;
        *(byte*)(address + 16) = 1;
        var seen = new List<BufferOverrunException>();
        void Handler(BufferOverrunException e)
        {
            lock (seen)
            {
                seen.Add(e);
            }
        }

        NativeHeap.OverrunDetected += Handler;
        try
        {
            buffer.Dispose();
        }
        finally
        {
            NativeHeap.OverrunDetected -= Handler;
        }

        var report = Assert.Single(seen, e => e.Address == address);
        Assert.Equal(16, report.Offset);
    }

    [Fact]
    public void Free_Guarded_PoisonsWholeBlockBeforeReleasingIt()
    {
        var buffer = Native.Alloc(100, Guarded);
        buffer.AsSpan().Fill(0x11);
        nint user = buffer.Address;
        var seen = new List<(nint Base, long Total, bool Poisoned)>();
        GuardZones.BeforeFree = (block, total) =>
        {
            if (user > block && user < block + (nint)total)
            {
                seen.Add((block, total, !new ReadOnlySpan<byte>((void*)block, (int)total).ContainsAnyExcept(GuardZones.Poison)));
            }
        };
        try
        {
            buffer.Free();
        }
        finally
        {
            GuardZones.BeforeFree = null;
        }

        var entry = Assert.Single(seen);
        Assert.True(entry.Poisoned);
        Assert.Equal(16 + 100 + GuardZones.BackBytes, entry.Total);
    }

    [Fact]
    public void MemcheckEnvironment_GuardsEveryAllocation()
    {
        var result = ChildProcess.Run("memcheck-overrun", new Dictionary<string, string?> { ["RELAXNATIVE_MEMCHECK"] = "1" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("guarded=True", result.StandardOutput);
        Assert.Contains("side=After offset=64 size=64", result.StandardOutput);
        Assert.Contains("live=0", result.StandardOutput);
    }

    [Fact]
    public void MemcheckEnvironment_Unset_DoesNotGuard()
    {
        var result = ChildProcess.Run("memcheck-overrun", new Dictionary<string, string?> { ["RELAXNATIVE_MEMCHECK"] = null });
        Assert.Contains("guarded=False", result.StandardOutput);
    }
}
