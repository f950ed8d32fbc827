using System.Runtime.CompilerServices;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

[Collection(SerialCollection.Name)]
public class NativeMemoryStatsTests
{
    [Fact]
    public void Stats_AllocAndFree_CountLiveAndTotals()
    {
        var before = Native.Stats;
        var a = Native.Alloc(100);
        var b = Native.Alloc(28, new AllocOptions { Guard = true });
        var during = Native.Stats;
        a.Free();
        b.Dispose();
        var after = Native.Stats;

        Assert.Equal(before.LiveAllocations + 2, during.LiveAllocations);
        Assert.Equal(before.LiveBytes + 128, during.LiveBytes);
        Assert.Equal(before.TotalAllocations + 2, during.TotalAllocations);
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
        Assert.Equal(before.LiveBytes, after.LiveBytes);
        Assert.Equal(before.TotalFrees + 2, after.TotalFrees);
    }

    [Fact]
    public void Stats_BuffersFreedOnAnotherThreadDuringSnapshots_LiveNeverUndercounts()
    {
        // A producer allocates 64 KiB buffers and a consumer whose counters are read much later in a snapshot (hundreds
        // of threads' cells lie between them) frees each one. A snapshot that summed both counters per cell in one pass
        // could see a free without its allocation and report less than this test's own live buffer.
        const int Size = 64 * 1024;
        using var own = Native.Alloc(4096);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        NativeBuffer? handoff = null;
        using var producerReady = new ManualResetEventSlim();
        var producer = new Thread(() =>
        {
            Native.Alloc(1).Free();
            producerReady.Set();
            while (!stop.IsCancellationRequested)
            {
                var buffer = Native.Alloc(Size, new AllocOptions { ZeroFill = false });
                while (Interlocked.CompareExchange(ref handoff, buffer, null) is not null && !stop.IsCancellationRequested)
                {
                    Thread.SpinWait(1);
                }
            }
        });
        producer.Start();
        producerReady.Wait();
        RegisterIdleThreads(300);
        var consumer = new Thread(() =>
        {
            while (!stop.IsCancellationRequested || Volatile.Read(ref handoff) is not null)
            {
                Interlocked.Exchange(ref handoff, null)?.Free();
            }
        });
        consumer.Start();

        long lowestLiveBytes = long.MaxValue, lowestLiveAllocations = long.MaxValue;
        int snapshots = 0;
        while (!stop.IsCancellationRequested)
        {
            var stats = Native.Stats;
            lowestLiveBytes = Math.Min(lowestLiveBytes, stats.LiveBytes);
            lowestLiveAllocations = Math.Min(lowestLiveAllocations, stats.LiveAllocations);
            snapshots++;
        }

        producer.Join();
        consumer.Join();
        Interlocked.Exchange(ref handoff, null)?.Free();

        Assert.True(snapshots > 100, $"only {snapshots} snapshots were taken");
        Assert.True(lowestLiveBytes >= 4096, $"a snapshot reported {lowestLiveBytes} live bytes while this test held 4096");
        Assert.True(lowestLiveAllocations >= 1, $"a snapshot reported {lowestLiveAllocations} live allocations while this test held one");
    }

    // Threads that each count one allocation and exit: their cells stay in the snapshot's list until the collector
    // finalizes their sentinels, so a snapshot reads them between the producer's cell and the consumer's.
    private static void RegisterIdleThreads(int count)
    {
        var threads = Enumerable.Range(0, count).Select(_ => new Thread(() => Native.Alloc(1).Free())).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    [Fact]
    public void Stats_WrappedBuffers_AreNotCounted()
    {
        using var backing = Native.Alloc(8);
        var before = Native.Stats;
        NativeBuffer.DangerousWrap(backing.Address, 8).Dispose();
        Assert.Equal(before, Native.Stats);
    }

    [Fact]
    public void AutoFree_UnreachableBuffers_AreFreedByFinalizerAndCounted()
    {
        var before = Native.Stats;
        AllocateAndDrop(count: 100, autoFree: true);

        for (int i = 0; i < 10 && Native.Stats.AutoFreed < before.AutoFreed + 100; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        var after = Native.Stats;
        Assert.Equal(before.AutoFreed + 100, after.AutoFreed);
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
        Assert.Equal(before.LiveBytes, after.LiveBytes);
    }

    [Fact]
    public void AutoFree_FreedExplicitly_FinalizerDoesNotFreeAgain()
    {
        var before = Native.Stats;
        FreeExplicitly(count: 50);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        var after = Native.Stats;
        Assert.Equal(before.AutoFreed, after.AutoFreed);
        Assert.Equal(before.TotalFrees + 50, after.TotalFrees);
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
    }

    [Fact]
    public void AutoFree_WithoutFlag_UnreachableBufferLeaksAndIsCounted()
    {
        var before = Native.Stats;
        var address = AllocateAndDrop(count: 1, autoFree: false);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before.LiveAllocations + 1, Native.Stats.LiveAllocations);
        unsafe { System.Runtime.InteropServices.NativeMemory.Free((void*)address); } // clean up the deliberate leak
    }

    [Fact]
    public void AutoFree_LeasedWhenUnreachable_IsNeverFreedUnderTheLease()
    {
        var before = Native.Stats;
        var address = LeaseAndDrop();
        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // The finalizer saw a lease and left the memory alone: still live, still writable.
        Assert.Equal(before.LiveAllocations + 1, Native.Stats.LiveAllocations);
        Assert.Equal(before.AutoFreed, Native.Stats.AutoFreed);
        unsafe
        {
            *(long*)address = 7;
            System.Runtime.InteropServices.NativeMemory.Free((void*)address);
        }
    }

    [Fact]
    public void TrackAllocations_On_ReportListsLiveAllocationWithSizeAndStack()
    {
        bool previous = Native.TrackAllocations;
        Native.TrackAllocations = true;
        try
        {
            var buffer = AllocateTracked();
            var report = Native.GetLeakReport();
            var entry = Assert.Single(report.Allocations, a => a.Address == buffer.Address);
            Assert.Equal(333, entry.Size);
            Assert.Contains(nameof(AllocateTracked), entry.StackTrace);
            Assert.True(report.IsTrackingEnabled);
            string text = report.ToString();
            Assert.Contains("333 bytes", text);
            Assert.Contains(nameof(AllocateTracked), text);

            buffer.Free();
            Assert.DoesNotContain(Native.GetLeakReport().Allocations, a => a.Id == entry.Id);
        }
        finally
        {
            Native.TrackAllocations = previous;
        }
    }

    [Fact]
    public void TrackAllocations_Off_ReportSaysHowToTurnItOn()
    {
        bool previous = Native.TrackAllocations;
        Native.TrackAllocations = false;
        try
        {
            using var buffer = Native.Alloc(8);
            var report = Native.GetLeakReport();
            Assert.False(report.IsTrackingEnabled);
            Assert.DoesNotContain(report.Allocations, a => a.Address == buffer.Address);
            Assert.Contains("RELAXNATIVE_TRACK_ALLOCATIONS=1", report.ToString());
        }
        finally
        {
            Native.TrackAllocations = previous;
        }
    }

    [Fact]
    public void TrackAllocationsEnvironment_Set_LeakReportNamesAllocatingMethod()
    {
        var result = ChildProcess.Run("track-leak", new Dictionary<string, string?> { ["RELAXNATIVE_TRACK_ALLOCATIONS"] = "1" });
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("tracking=True", result.StandardOutput);
        Assert.Contains("1 live native allocation(s), 100 bytes in all.", result.StandardOutput);
        Assert.Contains("AllocateAndForget", result.StandardOutput);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NativeBuffer AllocateTracked() => Native.Alloc(333);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint AllocateAndDrop(int count, bool autoFree)
    {
        nint last = 0;
        for (int i = 0; i < count; i++)
        {
            var buffer = Native.Alloc(64, autoFree);
            buffer.Write(0, i);
            last = buffer.Address;
        }

        return last;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FreeExplicitly(int count)
    {
        for (int i = 0; i < count; i++)
        {
            Native.Alloc(32, autoFree: true).Free();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static nint LeaseAndDrop()
    {
        var buffer = Native.Alloc(64, autoFree: true);
        buffer.DangerousAddRef(); // a lease that is never released: the buffer must never be freed
        return buffer.Address;
    }
}
