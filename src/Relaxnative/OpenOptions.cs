namespace Relaxnative;

/// <summary>Options for <see cref="Native.Open"/>. Immutable.</summary>
public sealed record OpenOptions
{
    /// <summary>C declarations to bind when the library opens (for example <c>"uLong crc32(uLong crc, const Bytef* buf, uInt len)"</c> spelled with plain C types).</summary>
    public IReadOnlyList<string> Declarations { get; init; } = [];
}
