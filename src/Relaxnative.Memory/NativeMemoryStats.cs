namespace Relaxnative;

/// <summary>
/// A snapshot of Relaxnative's native heap accounting, taken by <c>Native.Stats</c>. Counts cover memory allocated
/// by Relaxnative (<see cref="Ownership.Managed"/>) only. While other threads allocate and release, the figures are
/// not one atomic instant: releases are read first, allocations after, so the live figures never count a buffer as
/// released before its allocation is counted. They are at least what was live when the snapshot began, and may include
/// buffers allocated while it was taken.
/// </summary>
/// <param name="LiveAllocations">Buffers allocated and not yet released.</param>
/// <param name="LiveBytes">Bytes requested by those buffers (guard bytes not included).</param>
/// <param name="TotalAllocations">Buffers allocated since the process started.</param>
/// <param name="TotalFrees">Buffers released since the process started, by any path.</param>
/// <param name="AutoFreed">Buffers released by the auto-free finalizer (included in <paramref name="TotalFrees"/>).</param>
/// <param name="OverrunsDetected">Guarded buffers whose canaries were found damaged when released.</param>
public readonly record struct NativeMemoryStats(
    long LiveAllocations,
    long LiveBytes,
    long TotalAllocations,
    long TotalFrees,
    long AutoFreed,
    long OverrunsDetected = 0);
