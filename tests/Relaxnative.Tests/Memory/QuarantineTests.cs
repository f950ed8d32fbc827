using System.Collections.Concurrent;
using Relaxnative.Memory.Heap;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

/// <summary>
/// The release path of buffers that checked accessors have touched: counted at once, returned to the allocator only
/// when no thread's access slot holds them. Guarded buffers make the physical release observable: the guard zones'
/// seam sees each block, already poisoned, just before it goes back to the allocator.
/// </summary>
[Collection(SerialCollection.Name)]
public class QuarantineTests
{
    private static readonly AllocOptions Guarded = new() { Guard = true };

    [Fact]
    public void Free_NeverAccessedBuffer_ReleasesAtOnce()
    {
        Quarantine.DrainAll();
        var buffer = Native.Alloc(64, Guarded);
        buffer.AsSpan().Fill(1); // a raw view does not touch the buffer
        nint user = buffer.Address;

        var released = ObserveReleases(buffer.Free);

        Assert.Contains(released, block => ReleaseLog.Holds(block, user));
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void Free_AfterWrite_CountsAtOnceAndReleasesAtDrain()
    {
        Quarantine.DrainAll();
        var before = Native.Stats;
        var buffer = Native.Alloc(64, Guarded);
        buffer.Write(0, 42L);
        nint user = buffer.Address;

        var atFree = ObserveReleases(buffer.Free);

        Assert.DoesNotContain(atFree, block => ReleaseLog.Holds(block, user));
        Assert.Equal(1, Quarantine.Count);
        Assert.Equal(before.LiveAllocations, Native.Stats.LiveAllocations);
        Assert.Equal(before.TotalFrees + 1, Native.Stats.TotalFrees);
        Assert.Throws<UseAfterFreeException>(() => buffer.Read<long>(0));
        Assert.Throws<InvalidFreeException>(buffer.Free);

        var atDrain = ObserveReleases(Quarantine.DrainAll);

        var block = Assert.Single(atDrain, block => ReleaseLog.Holds(block, user));
        Assert.True(block.Poisoned);
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void DrainAll_BlockPublishedInAnotherThreadsSlot_KeepsItUntilTheSlotClears()
    {
        Quarantine.DrainAll();
        var buffer = Native.Alloc(64, Guarded);
        buffer.Write(0, 7);
        nint user = buffer.Address;
        using var published = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        var reader = new Thread(() =>
        {
            // Step 1 of an accessor (docs/memory.md): the slot holds the address while the access is in flight.
            var cell = ThreadCell.Current;
            Volatile.Write(ref cell.AccessAddress, user);
            published.Set();
            finish.Wait();
            Volatile.Write(ref cell.AccessAddress, 0);
        });
        reader.Start();
        published.Wait();

        buffer.Free();
        var whileReading = ObserveReleases(Quarantine.DrainAll);
        Assert.DoesNotContain(whileReading, block => ReleaseLog.Holds(block, user));
        Assert.Equal(1, Quarantine.Count);

        finish.Set();
        reader.Join();
        var afterReading = ObserveReleases(Quarantine.DrainAll);
        Assert.Contains(afterReading, block => ReleaseLog.Holds(block, user));
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void Free_MoreAccessedBuffersThanTheStripesHold_DrainsWithoutBeingAsked()
    {
        Quarantine.DrainAll();
        int count = (Quarantine.MaxEntriesPerStripe * Quarantine.StripeCount) + 1;

        var released = ObserveReleases(() =>
        {
            for (int i = 0; i < count; i++)
            {
                var buffer = Native.Alloc(8, Guarded);
                buffer.Write(0, i);
                buffer.Free();
            }
        });

        // Some stripe reached its bound, so at least one batch went back without a DrainAll.
        Assert.True(released.Count >= Quarantine.MaxEntriesPerStripe, $"{released.Count} blocks released of {count}");
        Assert.True(Quarantine.Count < count);
        Quarantine.DrainAll();
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void Free_AccessedBuffersOverTheByteBound_DrainsWithoutBeingAsked()
    {
        Quarantine.DrainAll();
        long size = (Quarantine.MaxBytesPerStripe / 4) + 1;
        int count = (4 * Quarantine.StripeCount) + 1;

        var released = ObserveReleases(() =>
        {
            for (int i = 0; i < count; i++)
            {
                var buffer = Native.Alloc(size, Guarded);
                buffer.Write(size - 1, (byte)1);
                buffer.Free();
            }
        });

        Assert.True(released.Count >= 4, $"{released.Count} blocks released of {count}");
        Quarantine.DrainAll();
    }

    [Fact]
    public void ArenaDispose_AccessedBuffers_ReturnsThemToTheAllocator()
    {
        Quarantine.DrainAll();
        var arena = new NativeArena(Guarded);
        var addresses = Enumerable.Range(0, 10).Select(i =>
        {
            var buffer = arena.Alloc(32);
            buffer.Write(0, i);
            return buffer.Address;
        }).ToList();

        var released = ObserveReleases(arena.Dispose);

        Assert.All(addresses, user => Assert.Contains(released, block => ReleaseLog.Holds(block, user)));
        Assert.Equal(0, Quarantine.Count);
    }

    [Fact]
    public void Read_FreedBuffer_ThrowsAndLeavesTheSlotClear()
    {
        var buffer = Native.Alloc(16);
        buffer.Write(0, 1);
        buffer.Free();

        var e = Assert.Throws<UseAfterFreeException>(() => buffer.Read<int>(0));

        Assert.Equal(16, e.Size);
        Assert.Equal(0, ThreadCell.Current.AccessAddress);
    }

    [Fact]
    public void Write_OutOfRange_ThrowsAndLeavesTheSlotClear()
    {
        using var buffer = Native.Alloc(16);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Write(12, 1L));

        Assert.Contains("offset = 12, length = 8", e.Message);
        Assert.Equal(0, ThreadCell.Current.AccessAddress);
        buffer.Write(8, 2L); // the buffer is still usable
        Assert.Equal(2L, buffer.Read<long>(8));
    }

    [Fact]
    public void Stats_ThreadsThatExited_KeepTheirCountsAndLeaveTheRegistry()
    {
        var before = Native.Stats;
        // Counted before the threads start: a collection may retire some of their cells before they are all counted.
        int baseline = ThreadCell.All.Length;
        var leftOver = new ConcurrentBag<NativeBuffer>();
        var threads = Enumerable.Range(0, 20).Select(_ => new Thread(() =>
        {
            leftOver.Add(Native.Alloc(10));
            Native.Alloc(5).Free();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        for (int i = 0; i < 5 && ThreadCell.All.Length > baseline; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var after = Native.Stats;
        Assert.True(ThreadCell.All.Length <= baseline, $"{ThreadCell.All.Length} cells registered, {baseline} before the 20 threads started");
        Assert.Equal(before.LiveAllocations + 20, after.LiveAllocations);
        Assert.Equal(before.LiveBytes + 200, after.LiveBytes);
        Assert.Equal(before.TotalAllocations + 40, after.TotalAllocations);
        foreach (var buffer in leftOver)
        {
            buffer.Free();
        }

        Assert.Equal(before.LiveAllocations, Native.Stats.LiveAllocations);
    }

    /// <summary>Runs <paramref name="action"/> and returns every block the guard zones released meanwhile.</summary>
    internal static List<(nint Base, long Total, bool Poisoned)> ObserveReleases(Action action)
    {
        using var log = new ReleaseLog();
        action();
        return log.All;
    }
}
