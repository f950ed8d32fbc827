using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

[Collection(SerialCollection.Name)]
public class NativeBufferLeaseTests
{
    [Fact]
    public void Free_DuringLease_MarksFreedAtOnceAndReleasesAtLeaseEnd()
    {
        var before = Native.Stats;
        var buffer = Native.Alloc(256);
        var lease = buffer.Lease();
        lease.AsSpan().Fill(3);

        buffer.Free();

        Assert.True(buffer.IsFreed);
        Assert.Throws<UseAfterFreeException>(() => buffer.Read<byte>(0));
        Assert.Throws<UseAfterFreeException>(() => buffer.Lease());
        // The memory is still there for the lease holder.
        Assert.Equal(256 * 3, lease.AsSpan().ToArray().Sum(b => b));
        Assert.Equal(before.LiveAllocations + 1, Native.Stats.LiveAllocations);

        lease.Dispose();

        Assert.Equal(before.LiveAllocations, Native.Stats.LiveAllocations);
        Assert.Equal(before.LiveBytes, Native.Stats.LiveBytes);
    }

    [Fact]
    public void Lease_Nested_LastOneReleases()
    {
        var before = Native.Stats.LiveAllocations;
        var buffer = Native.Alloc(64);
        var first = buffer.Lease();
        var second = buffer.Lease();
        Assert.Equal(2, buffer.LeaseCount);
        buffer.Dispose();
        first.Dispose();
        Assert.Equal(before + 1, Native.Stats.LiveAllocations);
        second.Dispose();
        Assert.Equal(before, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void Dispose_CalledTwice_DoesNotEndAnotherHoldersLease()
    {
        var before = Native.Stats.LiveAllocations;
        var buffer = Native.Alloc(64, new AllocOptions { Guard = true });
        var held = buffer.Lease();
        held.AsSpan().Fill(7);
        var other = buffer.Lease();
        other.Dispose();
        other.Dispose();
        Assert.Equal(1, buffer.LeaseCount);

        buffer.Free();

        // Still held: not released, not poisoned.
        Assert.Equal(before + 1, Native.Stats.LiveAllocations);
        Assert.All(held.AsSpan().ToArray(), b => Assert.Equal(7, b));
        held.Dispose();
        Assert.Equal(before, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void Dispose_OfACopy_EndsTheLeaseOnce()
    {
        using var buffer = Native.Alloc(64);
        var held = buffer.Lease();
        var lease = buffer.Lease();
        var copy = lease;
        Assert.Equal(lease, copy);
        copy.Dispose();
        lease.Dispose();
        Assert.Equal(1, buffer.LeaseCount);
        held.Dispose();
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Dispose_OfAnEndedLease_DoesNotEndTheNextLeaseOfTheSameBuffer()
    {
        using var buffer = Native.Alloc(64);
        var first = buffer.Lease();
        first.Dispose();
        var second = buffer.Lease(); // may reuse the first lease's token
        Assert.NotEqual(first, second);
        first.Dispose();
        Assert.Equal(1, buffer.LeaseCount);
        second.Dispose();
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Dispose_OfDefaultLease_DoesNothing()
    {
        var lease = default(NativeBufferLease);
        lease.Dispose();
        Assert.Null(lease.Buffer);
    }

    [Fact]
    public void DangerousRelease_UnpairedWhileALeaseIsHeld_ThrowsAndKeepsTheLease()
    {
        var before = Native.Stats.LiveAllocations;
        var buffer = Native.Alloc(64);
        var held = buffer.Lease();
        buffer.DangerousAddRef();
        buffer.DangerousRelease();

        var e = Assert.Throws<InvalidOperationException>(buffer.DangerousRelease);
        Assert.Contains("1 lease(s) held through Lease()", e.Message);
        Assert.Equal(1, buffer.LeaseCount);

        buffer.Free();
        Assert.Equal(before + 1, Native.Stats.LiveAllocations);
        held.Dispose();
        Assert.Equal(before, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void DangerousRelease_WithoutLease_ThrowsAndKeepsState()
    {
        using var buffer = Native.Alloc(64);
        Assert.Throws<InvalidOperationException>(buffer.DangerousRelease);
        Assert.Equal(0, buffer.LeaseCount);
        Assert.False(buffer.IsFreed);
        buffer.Write(0, 5);
        Assert.Equal(5, buffer.Read<int>(0));
    }

    [Fact]
    public void Free_DuringLeaseOnOtherThread_WaitsForNoOneAndReleasesWhenThreadFinishes()
    {
        var before = Native.Stats.LiveAllocations;
        var buffer = Native.Alloc(1 << 16);
        using var leased = new ManualResetEventSlim();
        using var freed = new ManualResetEventSlim();
        long sum = 0;

        var worker = new Thread(() =>
        {
            using var lease = buffer.Lease();
            leased.Set();
            freed.Wait();
            // A native call would be running here; the memory must still be ours.
            var span = lease.AsSpan();
            span.Fill(1);
            foreach (byte b in span)
            {
                sum += b;
            }
        });
        worker.Start();
        leased.Wait();

        buffer.Free(); // does not block, does not release
        Assert.True(buffer.IsFreed);
        freed.Set();
        worker.Join();

        Assert.Equal(1 << 16, sum);
        Assert.Equal(before, Native.Stats.LiveAllocations);
    }

    [Fact]
    public void FreeRacingLeases_ManyThreads_ReleasesExactlyOnce()
    {
        var before = Native.Stats;
        for (int round = 0; round < 200; round++)
        {
            var buffer = Native.Alloc(128);
            using var go = new Barrier(5);
            int useAfterFree = 0;
            var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
            {
                go.SignalAndWait();
                for (int i = 0; i < 50; i++)
                {
                    try
                    {
                        using var lease = buffer.Lease();
                        lease.AsSpan()[i] = (byte)i;
                    }
                    catch (UseAfterFreeException)
                    {
                        Interlocked.Increment(ref useAfterFree);
                    }
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            go.SignalAndWait();
            buffer.Free();
            threads.ForEach(t => t.Join());
            Assert.Equal(0, buffer.LeaseCount);
        }

        var after = Native.Stats;
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
        Assert.Equal(before.TotalFrees + 200, after.TotalFrees);
    }
}
