using System.Globalization;
using System.Runtime.CompilerServices;
using Relaxnative.Memory;
using Relaxnative.Memory.Heap;

namespace Relaxnative;

/// <summary>
/// A block of native memory with an owner: this object. Created by <c>Native.Alloc</c> or a <see cref="NativeArena"/>,
/// freed exactly once by <see cref="Free"/>, <see cref="Dispose"/>, its arena, or (opt-in) a finalizer.
/// Every access is checked: after the buffer is freed, members throw <see cref="UseAfterFreeException"/>; views,
/// reads and writes are bounds-checked.
/// </summary>
/// <remarks>
/// <para>Thread safety: all members may be called from any thread. <see cref="Free"/> racing with
/// <see cref="Read{T}"/>, <see cref="Write{T}"/>, <see cref="ToArray"/>, <see cref="ReadCString"/> or a native call
/// never releases the memory under that use. A <see cref="Lease"/> (and a call queued for another thread or process)
/// holds the memory until the last lease ends; an in-process native call pins the buffer and the accessors publish it,
/// both in a per-thread cell, and memory they may be using goes back to the allocator only after a process-wide barrier
/// and a scan of those cells (docs/memory.md, "Threads and leases"). Spans from
/// <see cref="AsSpan()"/> are raw views and are not leased: do not free a buffer while another thread uses a span of
/// it, or hold a <see cref="Lease"/> for as long as the span lives.</para>
/// <para>Lifetime: <see cref="Address"/> is a raw number; the GC does not know native code uses it. Keep the buffer
/// reachable (or leased) for as long as native code holds its address, especially with auto-free.</para>
/// </remarks>
public sealed partial class NativeBuffer : IDisposable
{
    // _state packs two lease counts with three flags. One interlocked word makes "free while leased" race-free:
    // exactly one party moves the state to FreedBit with no leases, and that party releases. Bits 0-29 count every
    // lease; bits 30-59 count again those taken by DangerousAddRef, so an unpaired DangerousRelease is refused
    // instead of ending a Lease() someone else holds. TouchedBit is set (once, interlocked) by the first checked
    // accessor or call pin: a buffer without it cannot have either inside it, so its release skips the quarantine.
    private const long LeaseMask = (1L << 30) - 1;
    private const long DangerousUnit = 1L << 30;
    private const long DangerousMask = LeaseMask << 30;
    private const long ReleasedBit = 1L << 60;
    private const long FreedBit = 1L << 61;
    private const long TouchedBit = 1L << 62;

    // Every field is paid for by every Native.Alloc (the object is allocated and later collected per buffer), so the
    // common buffer carries only these: what a plain block needs is derivable from the address and the kind, and the
    // rest (guarded block, tracking id, auto-free sentinel, the spare lease token) lives in _extras, null for most
    // buffers until their first Lease().
    private readonly nint _address;
    private readonly long _size;
    private long _state;
    private BufferExtras? _extras;
    private readonly HeapBlockKind _kind;
    private readonly Ownership _ownership;

    // Calls that leased this buffer instead of pinning it (see PinForCall); fits in the object's padding.
    private byte _leasedCalls;

    /// <summary>
    /// How many calls lease an untouched buffer before calls pin it: pinning saves two interlocked operations per call
    /// (about 6 ns) and costs one trip through the quarantine at <see cref="Free"/> (about 50 ns), so a buffer
    /// used this often has paid for it (FreshBufferCallBenchmarks, SumBenchmarks).
    /// </summary>
    internal const int LeasedCallsBeforePins = 8;

    internal NativeBuffer(nint address, long size, HeapBlock block, bool autoFree, long trackingId)
    {
        _address = address;
        _size = size;
        _kind = block.Kind;
        _ownership = block.Kind == HeapBlockKind.Foreign ? Ownership.Borrowed : Ownership.Managed;
        if (BufferExtras.AreNeeded(block, address, trackingId, autoFree))
        {
            _extras = new BufferExtras(block, trackingId);
            if (autoFree)
            {
                _extras.AutoFree = new AutoFreeSentinel(this);
            }
        }
    }

    /// <summary>A plain block from <see cref="PlainAllocator"/>: no extras (the allocation fast path).</summary>
    internal NativeBuffer(nint address, long size)
    {
        _address = address;
        _size = size;
        _kind = HeapBlockKind.Plain;
        _ownership = Ownership.Managed;
    }

    private NativeBuffer(nint address, long size, Ownership ownership)
        : this(address, size, new HeapBlock(address, HeapBlockKind.Foreign), autoFree: false, trackingId: 0)
    {
        _ownership = ownership;
    }

    /// <summary>The buffer's extras, created on first need (a lease) for a buffer that had none; never replaced once set.</summary>
    private BufferExtras Extras =>
        Volatile.Read(ref _extras)
        ?? Interlocked.CompareExchange(ref _extras, new BufferExtras(new HeapBlock(_address, _kind), trackingId: 0), null)
        ?? _extras;

    /// <summary>
    /// Wraps memory that Relaxnative did not allocate, to get bounds-checked views over it. The buffer never frees
    /// the memory: <see cref="Free"/> throws <see cref="InvalidFreeException"/>, and <see cref="Dispose"/> only ends
    /// this wrapper's use. The caller guarantees that <paramref name="size"/> bytes at <paramref name="address"/>
    /// stay valid while the wrapper is used.
    /// </summary>
    /// <param name="address">Start of the memory; not 0.</param>
    /// <param name="size">Size in bytes; greater than 0.</param>
    /// <param name="ownership"><see cref="Ownership.Native"/> or <see cref="Ownership.Borrowed"/>.</param>
    /// <exception cref="NullPointerException"><paramref name="address"/> is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive, or <paramref name="ownership"/> is <see cref="Ownership.Managed"/>.</exception>
    public static NativeBuffer DangerousWrap(nint address, long size, Ownership ownership = Ownership.Borrowed)
    {
        if (address == 0)
        {
            MemoryErrors.ThrowNullPointer("wrap a NativeBuffer");
        }

        if (size <= 0)
        {
            MemoryErrors.ThrowSizeNotPositive(size);
        }

        if (ownership == Ownership.Managed)
        {
            throw new ArgumentOutOfRangeException(nameof(ownership), ownership,
                "A wrapped buffer cannot be Managed: Relaxnative did not allocate it. Use Native or Borrowed.");
        }

        return new NativeBuffer(address, size, ownership);
    }

    /// <summary>The address of the first byte.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    public nint Address
    {
        get
        {
            ThrowIfFreed("read the address of");
            return _address;
        }
    }

    /// <summary>The size in bytes.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    public long Size
    {
        get
        {
            ThrowIfFreed("read the size of");
            return _size;
        }
    }

    /// <summary>Who allocated the memory: <see cref="Ownership.Managed"/> for buffers from <c>Native.Alloc</c>.</summary>
    public Ownership Ownership => _ownership;

    /// <summary>Whether the buffer has been freed (or disposed). Never throws.</summary>
    public bool IsFreed => (Volatile.Read(ref _state) & FreedBit) != 0;

    /// <summary>Whether the buffer was allocated with guard zones (<see cref="AllocOptions.Guard"/> or <c>RELAXNATIVE_MEMCHECK=1</c>).</summary>
    public bool IsGuarded => _kind == HeapBlockKind.Guarded;

    /// <summary>Whether a finalizer frees the buffer if it becomes unreachable (<see cref="AllocOptions.AutoFree"/>).</summary>
    public bool IsAutoFree => Volatile.Read(ref _extras)?.AutoFree is not null;

    /// <summary>
    /// Frees the memory now. If native calls, accessors or leases on any thread are using it, the buffer is marked freed
    /// at once (further use throws) and the memory is released once they have ended: at the end of the last lease, or
    /// at the quarantine's first drain after the last call or access.
    /// </summary>
    /// <exception cref="InvalidFreeException">The buffer was already freed, or it does not own its memory (<see cref="Ownership"/> is not Managed).</exception>
    /// <exception cref="BufferOverrunException">The buffer is guarded and something wrote outside it. The memory was still released.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Free()
    {
        if (!TryReleasePlain())
        {
            FreeAnyBuffer();
        }
    }

    /// <summary>
    /// The common case of Free and Dispose, small enough to be inlined into the caller so that the allocator call
    /// needs no frame of its own: a plain block without extras (so not guarded, tracked or auto-freed), no leases,
    /// never touched by a checked accessor or a call (so no quarantine), not freed. One compare-and-swap claims the release.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryReleasePlain()
    {
        if (_kind != HeapBlockKind.Plain || Volatile.Read(ref _extras) is not null || ClaimUntouched() != 0)
        {
            return false;
        }

        HeapCounters.OnReleased(_size);
        PlainAllocator.Free(_address);
        return true;
    }

    /// <summary>Free for every other buffer and state: leases, extras, guards, quarantine, errors.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FreeAnyBuffer()
    {
        if (Ownership != Ownership.Managed)
        {
            MemoryErrors.ThrowForeignFree("NativeBuffer", _address, _size, Ownership);
        }

        if (TryClaimUnleased(out bool accessed))
        {
            if (ReleaseClaimed(autoFreed: false, accessed) is { } overrun)
            {
                throw overrun;
            }

            return;
        }

        long previous = MarkFreed();
        if (previous < 0)
        {
            MemoryErrors.ThrowDoubleFree(_address, _size);
        }

        if ((previous & LeaseMask) == 0 && ReleaseMemory(autoFreed: false) is { } late)
        {
            throw late;
        }
    }

    /// <summary>
    /// The fast path of Free and Dispose, the common case: no leases, not freed. One interlocked operation (two for a
    /// buffer a checked accessor or a call has touched) marks the buffer freed and claims the release.
    /// </summary>
    private bool TryClaimUnleased(out bool accessed)
    {
        long seen = ClaimUntouched();
        accessed = seen != 0;
        return seen == 0
            || (seen == TouchedBit && Interlocked.CompareExchange(ref _state, TouchedBit | FreedBit | ReleasedBit, TouchedBit) == TouchedBit);
    }

    /// <summary>
    /// Marks the buffer freed and claims the release if it is in its first state (no leases, never touched, not freed).
    /// Returns the state it found: 0 when the claim succeeded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ClaimUntouched() => Interlocked.CompareExchange(ref _state, FreedBit | ReleasedBit, 0);

    /// <summary>Whether <paramref name="state"/> is "freed, no leases, not yet released", whether accessed or not.</summary>
    private static bool IsFreedUnleased(long state) => (state & ~TouchedBit) == FreedBit;

    /// <summary>
    /// Frees the memory if it is not freed yet; otherwise does nothing. Never throws: an overrun found here is
    /// reported through <see cref="NativeHeap.OverrunDetected"/> and <c>Native.Stats</c> instead.
    /// For a wrapped (non-Managed) buffer, ends this wrapper's use without freeing anything.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Dispose()
    {
        if (!TryReleasePlain())
        {
            DisposeAnyBuffer();
        }
    }

    /// <summary>Dispose for every buffer and state that <see cref="TryReleasePlain"/> does not take.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void DisposeAnyBuffer()
    {
        if (TryClaimUnleased(out bool accessed))
        {
            if (ReleaseClaimed(autoFreed: false, accessed) is { } found)
            {
                NativeHeap.ReportSilently(found);
            }

            return;
        }

        long previous = MarkFreed();
        if (previous >= 0 && (previous & LeaseMask) == 0 && ReleaseMemory(autoFreed: false) is { } overrun)
        {
            NativeHeap.ReportSilently(overrun);
        }
    }

    /// <summary>Describes the buffer, e.g. <c>NativeBuffer(0x7f3a10, 64 bytes, Managed)</c>. Never throws.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"NativeBuffer({MemoryErrors.Hex(_address)}, {_size} bytes, {Ownership}{(IsFreed ? ", freed" : "")})");

    /// <summary>Sets the freed flag. Returns the previous state, or -1 when it was already freed.</summary>
    private long MarkFreed() => LifetimeState.MarkFreed(ref _state, FreedBit);

    /// <summary>
    /// Releases the memory if the state is exactly "freed, no leases, not yet released"; otherwise does nothing
    /// (a lease holder will release it, or someone already has). This is the only path to the allocator.
    /// </summary>
    private BufferOverrunException? ReleaseMemory(bool autoFreed)
    {
        long state = Volatile.Read(ref _state);
        while (IsFreedUnleased(state))
        {
            long seen = Interlocked.CompareExchange(ref _state, state | ReleasedBit, state);
            if (seen == state)
            {
                return ReleaseClaimed(autoFreed, accessed: (state & TouchedBit) != 0);
            }

            state = seen;
        }

        return null;
    }

    /// <summary>
    /// Frees the block (see <see cref="NativeHeap.Release"/>); the caller has just set <see cref="ReleasedBit"/> itself.
    /// <paramref name="accessed"/>: a checked accessor or a call touched the buffer, so its block goes through the quarantine.
    /// </summary>
    private BufferOverrunException? ReleaseClaimed(bool autoFreed, bool accessed = false)
    {
        // A plain block is rebuilt from the address and the kind; the others keep their description in the extras.
        var extras = Volatile.Read(ref _extras);
        if (extras?.AutoFree is { } sentinel)
        {
            GC.SuppressFinalize(sentinel);
        }

        return NativeHeap.Release(extras?.Block ?? new HeapBlock(_address, _kind), _address, _size, extras?.TrackingId ?? 0, autoFreed, accessed);
    }

    /// <summary>Called by the auto-free finalizer. Never throws, never frees twice, never frees a leased buffer.</summary>
    internal void FreeFromFinalizer()
    {
        try
        {
            // Only a buffer not freed and without leases is freed here; anything else was freed already or is in use.
            if (TryClaimUnleased(out bool accessed) && ReleaseClaimed(autoFreed: true, accessed) is { } overrun)
            {
                NativeHeap.ReportSilently(overrun);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A finalizer that throws ends the process; leaking one block is the lesser harm.
        }
    }

    private void ThrowIfFreed(string operation)
    {
        if ((Volatile.Read(ref _state) & FreedBit) != 0)
        {
            MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, operation);
        }
    }
}
