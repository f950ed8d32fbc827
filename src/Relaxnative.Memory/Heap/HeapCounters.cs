namespace Relaxnative.Memory.Heap;

/// <summary>
/// Allocation counters striped per thread (in each thread's <see cref="ThreadCell"/>). A shared counter would need
/// several interlocked operations per allocation on one contended cache line; each thread instead bumps its own cell
/// with plain stores, and <see cref="Snapshot"/> sums the cells and the totals of exited threads.
/// </summary>
internal static class HeapCounters
{
    internal static void OnAllocated(ThreadCell cell, long size)
    {
        // Only this thread writes its cell; 64-bit stores are atomic on 64-bit platforms, so readers never tear.
        Volatile.Write(ref cell.Allocations, cell.Allocations + 1);
        Volatile.Write(ref cell.AllocatedBytes, cell.AllocatedBytes + size);
    }

    /// <summary>Counts one release of a plain buffer by its owner (the inlined fast path of Free and Dispose).</summary>
    internal static void OnReleased(long size) => CountRelease(ThreadCell.Current, size);

    internal static void OnReleased(long size, bool autoFreed, bool overrun)
    {
        var cell = ThreadCell.Current;
        CountRelease(cell, size);
        if (autoFreed)
        {
            Volatile.Write(ref cell.AutoFreed, cell.AutoFreed + 1);
        }

        if (overrun)
        {
            Volatile.Write(ref cell.Overruns, cell.Overruns + 1);
        }
    }

    private static void CountRelease(ThreadCell cell, long size)
    {
        Volatile.Write(ref cell.Frees, cell.Frees + 1);
        Volatile.Write(ref cell.FreedBytes, cell.FreedBytes + size);
    }

    // Releases are summed over every cell before allocations are. A release is counted after its buffer's allocation
    // (on the same thread in program order, or on another thread that received the buffer after it was counted), and
    // counters only grow, so every release the first pass sees has its allocation seen by the second. Live figures
    // may include buffers allocated during the snapshot, but never go below what was live when it started: summing
    // both in one pass could count a release on a later cell without its allocation on an earlier one.
    internal static NativeMemoryStats Snapshot()
    {
        long frees = 0, freedBytes = 0, autoFreed = 0, overruns = 0;
        ThreadCell.ForEachCounted(cell =>
        {
            frees += Volatile.Read(ref cell.Frees);
            freedBytes += Volatile.Read(ref cell.FreedBytes);
            autoFreed += Volatile.Read(ref cell.AutoFreed);
            overruns += Volatile.Read(ref cell.Overruns);
        });

        long allocations = 0, allocatedBytes = 0;
        ThreadCell.ForEachCounted(cell =>
        {
            allocations += Volatile.Read(ref cell.Allocations);
            allocatedBytes += Volatile.Read(ref cell.AllocatedBytes);
        });

        return new NativeMemoryStats(allocations - frees, allocatedBytes - freedBytes, allocations, frees, autoFreed, overruns);
    }
}
