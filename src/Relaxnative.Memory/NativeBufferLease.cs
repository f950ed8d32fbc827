using Relaxnative.Memory;

namespace Relaxnative;

/// <summary>
/// A lease on a <see cref="NativeBuffer"/>: while it is held, the buffer's memory is not released, even if the
/// buffer is freed on another thread. Obtain with <see cref="NativeBuffer.Lease"/>; a <c>using</c> statement ends it.
/// Ending it is idempotent and copy-safe: disposing it twice, or disposing a copy of the value, ends it once and never
/// touches another holder's lease. Thread-safe.
/// </summary>
public readonly struct NativeBufferLease : IDisposable, IEquatable<NativeBufferLease>
{
    private readonly LeaseToken? _token;
    private readonly long _generation;

    internal NativeBufferLease(LeaseToken token, long generation)
    {
        _token = token;
        _generation = generation;
    }

    /// <summary>The leased buffer; null for a default value.</summary>
    public NativeBuffer Buffer => _token?.Buffer!;

    /// <summary>The buffer's address; valid until this lease is disposed.</summary>
    public nint Address => Buffer.DangerousGetAddress();

    /// <summary>The buffer's size in bytes; valid until this lease is disposed.</summary>
    public long Size => Buffer.SizeUnchecked;

    /// <summary>A byte view of the whole buffer; valid until this lease is disposed, even if the buffer is freed meanwhile.</summary>
    /// <exception cref="OverflowException">The buffer is larger than a span can hold.</exception>
    public unsafe Span<byte> AsSpan() => new((void*)Buffer.DangerousGetAddress(), checked((int)Buffer.SizeUnchecked));

    /// <summary>Ends the lease. A second call, or a call on a copy whose lease has ended, does nothing.</summary>
    public void Dispose() => _token?.End(_generation);

    /// <inheritdoc/>
    public bool Equals(NativeBufferLease other) => ReferenceEquals(_token, other._token) && _generation == other._generation;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NativeBufferLease other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_token, _generation);

    /// <summary>Whether two values are the same lease (copies of one <see cref="NativeBuffer.Lease"/> result).</summary>
    public static bool operator ==(NativeBufferLease left, NativeBufferLease right) => left.Equals(right);

    /// <summary>Whether two values are different leases.</summary>
    public static bool operator !=(NativeBufferLease left, NativeBufferLease right) => !left.Equals(right);
}
