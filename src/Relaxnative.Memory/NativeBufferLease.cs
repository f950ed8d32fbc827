namespace Relaxnative;

/// <summary>
/// A lease on a <see cref="NativeBuffer"/>: while it is held, the buffer's memory is not released, even if the
/// buffer is freed on another thread. Obtain with <see cref="NativeBuffer.Lease"/>; dispose exactly once
/// (a <c>using</c> statement does that). Do not copy a lease and dispose both copies.
/// </summary>
public readonly struct NativeBufferLease : IDisposable, IEquatable<NativeBufferLease>
{
    internal NativeBufferLease(NativeBuffer buffer) => Buffer = buffer;

    /// <summary>The leased buffer.</summary>
    public NativeBuffer Buffer { get; }

    /// <summary>The buffer's address; valid until this lease is disposed.</summary>
    public nint Address => Buffer.DangerousGetAddress();

    /// <summary>The buffer's size in bytes; valid until this lease is disposed.</summary>
    public long Size => Buffer.SizeUnchecked;

    /// <summary>A byte view of the whole buffer; valid until this lease is disposed, even if the buffer is freed meanwhile.</summary>
    /// <exception cref="OverflowException">The buffer is larger than a span can hold.</exception>
    public unsafe Span<byte> AsSpan() => new((void*)Buffer.DangerousGetAddress(), checked((int)Buffer.SizeUnchecked));

    /// <summary>Ends the lease.</summary>
    public void Dispose() => Buffer?.DangerousRelease();

    /// <inheritdoc/>
    public bool Equals(NativeBufferLease other) => ReferenceEquals(Buffer, other.Buffer);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is NativeBufferLease other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Buffer?.GetHashCode() ?? 0;

    /// <summary>Compares two leases by buffer.</summary>
    public static bool operator ==(NativeBufferLease left, NativeBufferLease right) => left.Equals(right);

    /// <summary>Compares two leases by buffer.</summary>
    public static bool operator !=(NativeBufferLease left, NativeBufferLease right) => !left.Equals(right);
}
