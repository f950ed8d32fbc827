using System.Runtime.CompilerServices;
using Relaxnative.Memory;
using Relaxnative.Memory.Heap;

namespace Relaxnative;

public sealed partial class NativeBuffer
{
    // The checked accessors' side of "Free never releases memory under a read" (docs/memory.md, "Threads"):
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
