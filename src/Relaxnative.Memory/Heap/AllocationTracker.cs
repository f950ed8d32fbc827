using System.Collections.Concurrent;
using System.Diagnostics;

namespace Relaxnative.Memory.Heap;

/// <summary>
/// Records every allocation made while tracking is on, with its stack trace, until it is released.
/// Capturing a stack trace costs microseconds, which is why tracking is opt-in.
/// </summary>
internal static class AllocationTracker
{
    private static readonly ConcurrentDictionary<long, NativeAllocationInfo> s_live = new();
    private static long s_nextId;

    internal static volatile bool IsEnabled =
        Environment.GetEnvironmentVariable("RELAXNATIVE_TRACK_ALLOCATIONS") is "1" or "true";

    /// <summary>Records an allocation; returns its id (0 when tracking is off).</summary>
    internal static long Track(nint address, long size)
    {
        long id = Interlocked.Increment(ref s_nextId);
        // Skip the Relaxnative frames so the trace starts at the caller's code.
        string stack = new StackTrace(2, fNeedFileInfo: true).ToString();
        s_live[id] = new NativeAllocationInfo(id, address, size, DateTime.UtcNow, Environment.CurrentManagedThreadId, stack);
        return id;
    }

    internal static void Untrack(long id) => s_live.TryRemove(id, out _);

    internal static NativeLeakReport Report() =>
        new(IsEnabled, [.. s_live.Values.OrderBy(a => a.Id)]);
}
