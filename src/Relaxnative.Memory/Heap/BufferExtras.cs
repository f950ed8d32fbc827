namespace Relaxnative.Memory.Heap;

/// <summary>
/// What only some buffers need: the block description of a guarded allocation (whose base and front guard differ from
/// the user address), the leak-report tracking id, the auto-free sentinel, and the spare lease token. Kept out of <see cref="NativeBuffer"/>
/// so that the common buffer (plain, untracked, freed explicitly) is a small object: allocating one costs the GC
/// fewer bytes to clear and collect. Immutable once the buffer is constructed, except the spare token.
/// </summary>
internal sealed class BufferExtras(HeapBlock block, long trackingId)
{
    /// <summary>The block as the allocator returned it.</summary>
    public HeapBlock Block { get; } = block;

    /// <summary>The allocation's id in <see cref="AllocationTracker"/>, or 0 when it is not tracked.</summary>
    public long TrackingId { get; } = trackingId;

    /// <summary>The finalizable object that frees an auto-free buffer, or null. Set once, by the buffer's constructor.</summary>
    public AutoFreeSentinel? AutoFree { get; set; }

    /// <summary>
    /// One token waits here for the buffer's next <c>Lease()</c>, so a buffer leased over and over allocates a token
    /// once. Exchanged atomically: taken with <see cref="Interlocked.Exchange{T}(ref T, T)"/>, put back with a release store.
    /// </summary>
    internal LeaseToken? SpareToken;

    /// <summary>Whether a buffer with this block, tracking id and auto-free choice needs extras at all.</summary>
    public static bool AreNeeded(HeapBlock block, nint address, long trackingId, bool autoFree) =>
        autoFree || trackingId != 0 || block.Base != address || block.FrontGuardBytes != 0 || block.Kind == HeapBlockKind.Guarded;
}
