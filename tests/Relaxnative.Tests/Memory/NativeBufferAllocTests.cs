using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

public class NativeBufferAllocTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(long.MinValue)]
    public void Alloc_SizeNotPositive_ThrowsArgumentOutOfRangeNamingValue(long size)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Native.Alloc(size));
        Assert.Equal("size", e.ParamName);
        Assert.Equal(size, e.ActualValue);
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(4096)]
    [InlineData(1 << 20)]
    public void Alloc_Default_MemoryIsZeroed(int size)
    {
        using var buffer = Native.Alloc(size);
        Assert.False(buffer.AsSpan().ContainsAnyExcept((byte)0));
        Assert.Equal(size, buffer.Size);
        Assert.Equal(Ownership.Managed, buffer.Ownership);
        Assert.False(buffer.IsFreed);
    }

    [Fact]
    public void Alloc_PlainBuffer_AllocatesOneSmallManagedObject()
    {
        // Every Native.Alloc pays for its managed object: the common buffer (not guarded, tracked or auto-free) must stay
        // one object of at most 56 bytes, with the rarer parts kept out of it.
        var options = new AllocOptions { ZeroFill = false };
        for (int i = 0; i < 100; i++)
        {
            Native.Alloc(64, options).Free();
        }

        const int count = 1000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < count; i++)
        {
            Native.Alloc(64, options).Free();
        }

        long perBuffer = (GC.GetAllocatedBytesForCurrentThread() - before) / count;
        Assert.InRange(perBuffer, 1, 56);
    }

    [Fact]
    public void AllocFree_UnderAnInterposedAllocator_EveryBlockMadeAndReleasedByIt()
    {
        // Blocks must come from, and go back to, the allocator the rest of the process uses: one preloaded in front of
        // the C library (jemalloc, a leak checker) included. A block from one allocator freed by another corrupts both.
        string interposer = NativeFixtures.Build("counting_malloc.c");
        var result = ChildProcess.Run("interposed-allocator", new Dictionary<string, string?> { ["LD_PRELOAD"] = interposer },
            arguments: [interposer]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("malloc=101 calloc=100 free=201 live=0", result.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 64)]
    [InlineData(true, 64)]
    [InlineData(false, 256)]
    [InlineData(true, 4096)]
    public void Alloc_ZeroFillWithAlignmentAndGuard_MemoryIsZeroed(bool guard, int alignment)
    {
        // Dirty the allocator first, so a block that was not cleared would likely show old bytes.
        for (int i = 0; i < 8; i++)
        {
            using var dirty = Native.Alloc(512, new AllocOptions { ZeroFill = false, Alignment = alignment, Guard = guard });
            dirty.AsSpan().Fill(0xAB);
        }

        using var buffer = Native.Alloc(512, new AllocOptions { Alignment = alignment, Guard = guard });
        Assert.False(buffer.AsSpan().ContainsAnyExcept((byte)0));
    }

    [Fact]
    public void Alloc_ZeroFillFalse_ReturnsWritableMemoryOfTheRequestedSize()
    {
        using var buffer = Native.Alloc(4096, new AllocOptions { ZeroFill = false });
        buffer.AsSpan().Fill(7);
        Assert.Equal(4096 * 7, buffer.ToArray().Sum(b => b));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(512)]
    [InlineData(4096)]
    public void Alloc_Alignment_AddressIsAligned(int alignment)
    {
        for (int i = 0; i < 16; i++)
        {
            using var buffer = Native.Alloc(24 + i, new AllocOptions { Alignment = alignment });
            using var guarded = Native.Alloc(24 + i, new AllocOptions { Alignment = alignment, Guard = true });
            Assert.Equal(0, buffer.Address % alignment);
            Assert.Equal(0, guarded.Address % alignment);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(24)]
    [InlineData(-16)]
    [InlineData(8192)]
    public void Alloc_BadAlignment_ThrowsArgumentOutOfRange(int alignment)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Native.Alloc(64, new AllocOptions { Alignment = alignment }));
        Assert.Equal(alignment, e.ActualValue);
        Assert.Contains("power of two", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Alloc_Impossible_ThrowsOutOfMemoryNotCrash(bool guard)
    {
        long size = 1L << 62;
        var e = Assert.Throws<OutOfMemoryException>(() => Native.Alloc(size, new AllocOptions { Guard = guard }));
        Assert.Contains(size.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
    }

    [Fact]
    public void Alloc_AutoFreeFlag_IsReflected()
    {
        using var automatic = Native.Alloc(8, autoFree: true);
        using var manual = Native.Alloc(8);
        Assert.True(automatic.IsAutoFree);
        Assert.False(manual.IsAutoFree);
    }

    [Fact]
    public void ToString_LiveAndFreed_ShowsAddressSizeOwnershipAndState()
    {
        var buffer = Native.Alloc(64);
        string hex = "0x" + buffer.Address.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"NativeBuffer({hex}, 64 bytes, Managed)", buffer.ToString());
        buffer.Free();
        Assert.Equal($"NativeBuffer({hex}, 64 bytes, Managed, freed)", buffer.ToString());
    }
}
