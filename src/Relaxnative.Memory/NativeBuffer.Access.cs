using System.Runtime.CompilerServices;
using Relaxnative.Memory;
using Relaxnative.Memory.Heap;

namespace Relaxnative;

public sealed partial class NativeBuffer
{
    // The checked accessors' side of "Free never releases memory under a read" (docs/memory.md, "Threads and leases"):
    //   1. publish this buffer's address in the thread's own slot (a plain store: no interlocked operation);
    //   2. load the state: freed means throw; never touched means set TouchedBit once (interlocked), so that a
    //      Free from then on sends the block through the quarantine;
    //   3. access the memory;
    //   4. clear the slot with a release store, which the CPU cannot make visible before the access.
    // The store in 1 may still sit in this core's store buffer when the load in 2 runs (x64 and arm64 both allow that
    // store-load reordering); the quarantine's Interlocked.MemoryBarrierProcessWide is the fence that pairs with it,
    // paid once per batch of frees instead of once per access. The JIT does not move memory accesses across the
    // volatile load in 2 or the volatile store in 4.

    /// <summary>Steps 1 and 2: publishes the access and checks the buffer. Returns the slot to clear in <see cref="EndAccess"/>.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed (the slot is cleared first).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ThreadCell BeginAccess(string operation)
    {
        var cell = ThreadCell.Current;
        Volatile.Write(ref cell.AccessAddress, _address);
        if ((Volatile.Read(ref _state) & (FreedBit | TouchedBit)) != TouchedBit)
        {
            FirstAccessOrFreed(cell, operation);
        }

        return cell;
    }

    /// <summary>Step 4: the access is complete; the quarantine may release the block from now on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndAccess(ThreadCell cell) => Volatile.Write(ref cell.AccessAddress, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void FirstAccessOrFreed(ThreadCell cell, string operation)
    {
        // Interlocked against Free's claim on the same word: either Free saw TouchedBit and quarantines the block, or
        // this sees FreedBit and does not access.
        if (TryTouch())
        {
            return;
        }

        EndAccess(cell);
        MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, operation);
    }

    /// <summary>Sets <see cref="TouchedBit"/> unless the buffer is freed; false when it is freed.</summary>
    private bool TryTouch() => (Interlocked.Or(ref _state, TouchedBit) & FreedBit) == 0;

    /// <summary>
    /// Step 1 and 2 for a <see cref="NativePointer"/> tied to this buffer: null when the buffer is freed (the caller
    /// throws its own message), else the slot to pass to <see cref="EndOwnerAccess"/> after the access.
    /// </summary>
    internal ThreadCell? TryBeginOwnerAccess()
    {
        var cell = ThreadCell.Current;
        Volatile.Write(ref cell.AccessAddress, _address);
        if ((Volatile.Read(ref _state) & (FreedBit | TouchedBit)) != TouchedBit && !TryTouch())
        {
            EndAccess(cell);
            return null;
        }

        return cell;
    }

    /// <summary>Ends an access begun by <see cref="TryBeginOwnerAccess"/>.</summary>
    internal static void EndOwnerAccess(ThreadCell? cell)
    {
        if (cell is not null)
        {
            EndAccess(cell);
        }
    }

    /// <summary>
    /// Protects the buffer for a native call made on this thread and returns its address. A buffer in use (touched) is
    /// pinned: the same publish-then-check as a checked accessor, into the thread's stack of call pins, so the call
    /// costs no interlocked operation; a <see cref="Free"/> meanwhile, on any thread, marks the buffer freed at once and
    /// sends its block through the quarantine, which keeps it while the pin is published. A buffer not yet touched is
    /// leased instead for its first <see cref="LeasedCallsBeforePins"/> calls (<paramref name="leased"/> is then true),
    /// so that a scratch buffer passed to a call or two and freed keeps the cheap <see cref="Free"/> of an untouched
    /// buffer. Every successful call must be matched by one <see cref="EndCall"/> with the same cell and flag, on the
    /// same thread, after the native call has returned.
    /// </summary>
    /// <param name="cell">The calling thread's cell, fetched here on the first pin of the call and reused by the next.</param>
    /// <param name="leased">Whether the call took a lease rather than a pin.</param>
    /// <exception cref="UseAfterFreeException">The buffer was freed (nothing stays pinned or leased).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal nint PinForCall(ref ThreadCell? cell, out bool leased)
    {
        if ((Volatile.Read(ref _state) & (FreedBit | TouchedBit)) == TouchedBit)
        {
            leased = false;
            return PinTouched(ref cell);
        }

        return PinOrLeaseUntouched(ref cell, out leased);
    }

    /// <summary>Publishes a pin of a buffer known to be touched, then checks that it is not freed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint PinTouched(ref ThreadCell? cell)
    {
        var current = cell ??= ThreadCell.Current;
        current.PushCallPin(_address);

        // Touched cannot be unset, so only the freed flag can have changed since the caller saw the touched flag.
        if ((Volatile.Read(ref _state) & FreedBit) != 0)
        {
            current.PopCallPin();
            MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, "pass to native code");
        }

        return _address;
    }

    /// <summary>Ends what <see cref="PinForCall"/> took: the native call has returned.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void EndCall(ThreadCell? cell, bool leased)
    {
        if (leased)
        {
            EndCallLease();
        }
        else
        {
            cell!.PopCallPin();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private nint PinOrLeaseUntouched(ref ThreadCell? cell, out bool leased)
    {
        // A touched buffer's Free goes through the quarantine, tens of nanoseconds more than a lease's two interlocked
        // operations. A scratch buffer passed to one call and freed would pay that for nothing, so a buffer's first
        // calls lease it (the count is racy across threads: it only decides which safe mechanism a call uses).
        if (_leasedCalls < LeasedCallsBeforePins && (Volatile.Read(ref _state) & TouchedBit) == 0)
        {
            DangerousAddRef();
            _leasedCalls++;
            leased = true;
            return _address;
        }

        // Touched first, then published and checked as any touched buffer: a Free after the touch quarantines the block,
        // and the check after the publish sees a Free that came before it.
        if (!TryTouch())
        {
            MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, "pass to native code");
        }

        leased = false;
        return PinTouched(ref cell);
    }

    /// <summary>Checks a range inside an access: on failure clears the slot, then throws.</summary>
    private void CheckRange(ThreadCell cell, long offset, long length)
    {
        // One unsigned comparison per bound: negative values wrap to huge ones and fail.
        if ((ulong)offset > (ulong)_size || (ulong)length > (ulong)(_size - offset))
        {
            EndAccess(cell);
            MemoryErrors.ThrowOutOfRange(nameof(offset), "NativeBuffer", _address, _size, offset, length);
        }
    }
}
