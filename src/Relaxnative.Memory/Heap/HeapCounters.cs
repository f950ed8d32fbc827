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

    internal static NativeMemoryStats Snapshot()
    {
        long allocations = 0, allocatedBytes = 0, frees = 0, freedBytes = 0, autoFreed = 0, overruns = 0;
        ThreadCell.ForEachCounted(cell =>
        {
            allocations += Volatile.Read(ref cell.Allocations);
            allocatedBytes += Volatile.Read(ref cell.AllocatedBytes);
            frees += Volatile.Read(ref cell.Frees);
            freedBytes += Volatile.Read(ref cell.FreedBytes);
            autoFreed += Volatile.Read(ref cell.AutoFreed);
            overruns += Volatile.Read(ref cell.Overruns);
        });

        return new NativeMemoryStats(allocations - frees, allocatedBytes - freedBytes, allocations, frees, autoFreed, overruns);
    }
}
