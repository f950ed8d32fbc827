namespace Relaxnative.Memory;

/// <summary>
/// What a <see cref="NativeBufferLease"/> points at: the buffer and a generation. A lease ends when its holder moves
/// the generation on from the value the lease was made with; a second Dispose, or a Dispose of a copy, finds the
/// generation already moved and does nothing, so it can never end a lease someone else holds. Tokens are reused
/// (one spare per buffer), which the generation makes safe: a stale copy never matches a later lease.
/// </summary>
internal sealed class LeaseToken(NativeBuffer buffer)
{
    internal readonly NativeBuffer Buffer = buffer;

    // Moved on (interlocked) exactly once per lease.
    internal long Generation;

    /// <summary>Ends the lease made at <paramref name="generation"/>, if nobody has ended it yet.</summary>
    internal void End(long generation)
    {
        if (Interlocked.CompareExchange(ref Generation, generation + 1, generation) == generation)
        {
            Buffer.EndLease(this);
        }
    }
}
