using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Memory.Heap;

/// <summary>
/// The Memory room's allocator: the one place that calls the native allocator for <see cref="NativeBuffer"/>s,
/// keeps the counters behind <c>Native.Stats</c>, and records allocations for leak reports. The facade's
/// <c>Native.Alloc</c> and <see cref="NativeArena"/> call it. Thread-safe.
/// </summary>
internal static unsafe class NativeHeap
{
    /// <summary>The largest supported <see cref="AllocOptions.Alignment"/>, in bytes (one page).</summary>
    public const int MaxAlignment = 4096;

    // malloc on the 64-bit platforms we support returns 16-byte aligned blocks, so smaller alignments are free.
    private const int MallocAlignment = 16;

    /// <summary>True when <c>RELAXNATIVE_MEMCHECK=1</c>: every allocation is guarded. Read once at start-up.</summary>
    public static bool GuardAll { get; } = Environment.GetEnvironmentVariable("RELAXNATIVE_MEMCHECK") is "1" or "true";

    /// <summary>
    /// Whether new allocations record their stack trace for <see cref="GetLeakReport"/>. Starts from
    /// <c>RELAXNATIVE_TRACK_ALLOCATIONS=1</c>; may be switched at any time (affects later allocations only).
    /// </summary>
    public static bool TrackAllocations
    {
        get => AllocationTracker.IsEnabled;
        set => AllocationTracker.IsEnabled = value;
    }

    /// <summary>
    /// Raised when a guarded buffer is released with damaged canaries on a path that cannot throw:
    /// <see cref="NativeBuffer.Dispose"/>, the auto-free finalizer, an arena, or the end of the last lease.
    /// <see cref="NativeBuffer.Free"/> throws instead. Handlers run on the releasing thread and must not throw.
    /// </summary>
    public static event Action<BufferOverrunException>? OverrunDetected;

    /// <summary>A snapshot of the allocation counters.</summary>
    public static NativeMemoryStats Stats => HeapCounters.Snapshot();

    /// <summary>The live allocations made while tracking was on, with their stack traces.</summary>
    public static NativeLeakReport GetLeakReport() => AllocationTracker.Report();

    /// <summary>
    /// Allocates <paramref name="size"/> bytes of native memory owned by the returned buffer.
    /// A thin wrapper over <c>malloc</c>/<c>calloc</c> (or <c>aligned_alloc</c> above 16-byte alignment or when guarded).
    /// </summary>
    /// <param name="size">Size in bytes; must be greater than 0.</param>
    /// <param name="options">Zeroing, alignment, guard and auto-free options.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive, or the alignment is not a power of two up to <see cref="MaxAlignment"/>.</exception>
    /// <exception cref="OutOfMemoryException">The native allocator returned NULL.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeBuffer Allocate(long size, AllocOptions options)
    {
        // The common case, small enough to be inlined into the caller so that the allocator call needs no frame of its
        // own (see PlainAllocator): a plain block with no option that needs the general path. A NULL from the
        // allocator also goes there, which drains the quarantine, retries and throws the full message.
        if (options is { Guard: false, AutoFree: false } && IsMallocAlignment(options.Alignment) && size > 0
            && PlainAllocator.IsDirect && !GuardAll && !AllocationTracker.IsEnabled)
        {
            void* memory = PlainAllocator.Allocate(size, options.ZeroFill);
            if (memory != null)
            {
                HeapCounters.OnAllocated(ThreadCell.Current, size);
                return new NativeBuffer((nint)memory, size);
            }
        }

        return AllocateAnyBlock(size, options);
    }

    /// <summary>Whether <paramref name="alignment"/> is a power of two that <c>malloc</c> already honours.</summary>
    private static bool IsMallocAlignment(int alignment) =>
        alignment <= MallocAlignment && BitOperations.IsPow2(alignment);

    /// <summary>The general path of <see cref="Allocate"/>: every option, every check, and the out-of-memory retry.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NativeBuffer AllocateAnyBlock(long size, AllocOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (size <= 0)
        {
            MemoryErrors.ThrowSizeNotPositive(size);
        }

        int alignment = options.Alignment;
        if (alignment is <= 0 or > MaxAlignment || !BitOperations.IsPow2(alignment))
        {
            MemoryErrors.ThrowBadAlignment(alignment);
        }

        nint address;
        HeapBlock block;
        try
        {
            block = AllocateBlock(size, alignment, options, out address);
        }
        catch (OutOfMemoryException) when (Quarantine.Count > 0)
        {
            // Freed blocks may still sit in the quarantine: return them to the allocator and try once more.
            Quarantine.DrainAll();
            block = AllocateOrThrow(size, alignment, options, out address);
        }
        catch (Exception e) when (e is OutOfMemoryException or OverflowException)
        {
            MemoryErrors.ThrowOutOfMemory(size, alignment, e);
            throw; // unreachable
        }

        HeapCounters.OnAllocated(ThreadCell.Current, size);
        long trackingId = AllocationTracker.IsEnabled ? AllocationTracker.Track(address, size) : 0;
        return new NativeBuffer(address, size, block, options.AutoFree, trackingId);
    }

    private static HeapBlock AllocateBlock(long size, int alignment, AllocOptions options, out nint address) =>
        options.Guard || GuardAll
            ? GuardZones.Allocate(size, alignment, options.ZeroFill, out address)
            : AllocatePlain(size, alignment, options.ZeroFill, out address);

    private static HeapBlock AllocateOrThrow(long size, int alignment, AllocOptions options, out nint address)
    {
        try
        {
            return AllocateBlock(size, alignment, options, out address);
        }
        catch (Exception e) when (e is OutOfMemoryException or OverflowException)
        {
            MemoryErrors.ThrowOutOfMemory(size, alignment, e);
            throw; // unreachable
        }
    }

    private static HeapBlock AllocatePlain(long size, int alignment, bool zeroFill, out nint address)
    {
        if (alignment <= MallocAlignment)
        {
            void* memory = PlainAllocator.Allocate(size, zeroFill);
            if (memory == null)
            {
                throw new OutOfMemoryException();
            }

            address = (nint)memory;
            return new HeapBlock(address, HeapBlockKind.Plain);
        }

        void* aligned = NativeMemory.AlignedAlloc((nuint)size, (nuint)alignment);
        if (zeroFill)
        {
            NativeMemory.Clear(aligned, (nuint)size);
        }

        address = (nint)aligned;
        return new HeapBlock(address, HeapBlockKind.Aligned);
    }

    /// <summary>
    /// Frees a block: checks its guard zones, ends its tracking and counts it at once, then returns it to the allocator
    /// now, or, when <paramref name="accessed"/> (a lock-free accessor may still be inside it), through the
    /// <see cref="Quarantine"/>. Called exactly once per block, by the buffer's state machine. Returns the overrun
    /// found, if any; the memory is released either way.
    /// </summary>
    internal static BufferOverrunException? Release(HeapBlock block, nint address, long size, long trackingId, bool autoFreed, bool accessed)
    {
        if (block.Kind == HeapBlockKind.Foreign)
        {
            return null;
        }

        BufferOverrunException? overrun = null;
        if (block.Kind == HeapBlockKind.Guarded && GuardZones.FindDamage(block, size) is { } damage)
        {
            overrun = MemoryErrors.Overrun(address, size, damage.Side, damage.Offset);
        }

        if (trackingId != 0)
        {
            AllocationTracker.Untrack(trackingId);
        }

        HeapCounters.OnReleased(size, autoFreed, overrun is not null);
        if (accessed)
        {
            Quarantine.Add(block, address, size);
        }
        else
        {
            FreeBlock(block, size);
        }

        return overrun;
    }

    /// <summary>Returns a block to the native allocator (poisoning it first when guarded). No reader may be inside it.</summary>
    internal static void FreeBlock(HeapBlock block, long size)
    {
        switch (block.Kind)
        {
            case HeapBlockKind.Plain:
                PlainAllocator.Free(block.Base);
                break;
            case HeapBlockKind.Aligned:
                NativeMemory.AlignedFree((void*)block.Base);
                break;
            case HeapBlockKind.Guarded:
                GuardZones.PoisonAndFree(block, size);
                break;
        }
    }

    /// <summary>Reports an overrun found on a path that must not throw. Never throws.</summary>
    internal static void ReportSilently(BufferOverrunException overrun)
    {
        try
        {
            OverrunDetected?.Invoke(overrun);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler that throws must not turn Dispose or a finalizer into a crash.
        }
    }
}
