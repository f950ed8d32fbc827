using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

[Collection(SerialCollection.Name)]
public class NativeArenaTests
{
    [Fact]
    public void Dispose_FreesEveryBuffer()
    {
        var before = Native.Stats;
        NativeBuffer first, second;
        using (var arena = new NativeArena())
        {
            first = arena.Alloc(100);
            second = arena.Alloc(200);
            Assert.Equal(2, arena.Count);
            Assert.Equal(before.LiveBytes + 300, Native.Stats.LiveBytes);
        }

        Assert.True(first.IsFreed);
        Assert.True(second.IsFreed);
        Assert.Equal(before.LiveAllocations, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void Dispose_BufferFreedIndividually_IsSkipped()
    {
        var before = Native.Stats;
        var arena = new NativeArena();
        var buffer = arena.Alloc(64);
        buffer.Free();
        Assert.Equal(0, arena.Count);
        arena.Dispose();
        arena.Dispose();
        Assert.True(arena.IsDisposed);
        Assert.Equal(before.TotalFrees + 1, Native.Stats.TotalFrees);
    }

    [Fact]
    public void Alloc_AfterDispose_ThrowsObjectDisposed()
    {
        var arena = new NativeArena();
        arena.Dispose();
        Assert.Throws<ObjectDisposedException>(() => arena.Alloc(8));
    }

    [Fact]
    public void Constructor_AutoFreeOptions_ThrowsArgument()
    {
        var e = Assert.Throws<ArgumentException>(() => new NativeArena(new AllocOptions { AutoFree = true }));
        Assert.Contains("AutoFree", e.Message);
        using var arena = new NativeArena();
        Assert.Throws<ArgumentException>(() => arena.Alloc(8, new AllocOptions { AutoFree = true }));
    }

    [Fact]
    public void Alloc_ArenaOptions_AreApplied()
    {
        using var arena = new NativeArena(new AllocOptions { Alignment = 128, Guard = true });
        var buffer = arena.Alloc(40);
        Assert.Equal(0, buffer.Address % 128);
        Assert.True(buffer.IsGuarded);
    }

    [Fact]
    public void Dispose_BufferLeasedByAnotherThread_ReleasesWhenLeaseEnds()
    {
        var before = Native.Stats.LiveAllocations;
        var arena = new NativeArena();
        var buffer = arena.Alloc(64);
        var lease = buffer.Lease();
        arena.Dispose();
        Assert.True(buffer.IsFreed);
        lease.AsSpan().Fill(9);
        Assert.Equal(before + 1, Native.Stats.LiveAllocations);
        lease.Dispose();
        Assert.Equal(before, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void Alloc_ManyThreads_AllFreedOnDispose()
    {
        var before = Native.Stats;
        using (var arena = new NativeArena())
        {
            Parallel.For(0, 1000, i => arena.Alloc(16 + i % 100).Write(0, i));
            Assert.Equal(1000, arena.Count);
        }

        Assert.Equal(before.LiveAllocations, Native.Stats.LiveAllocations);
        Assert.Equal(before.LiveBytes, Native.Stats.LiveBytes);
    }
}
