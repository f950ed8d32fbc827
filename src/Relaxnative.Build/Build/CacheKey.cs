namespace Relaxnative.Build;

/// <summary>The content hash that names a build: SHA-256 over every input, as lowercase hex.</summary>
/// <param name="Hex">The 64-character lowercase hexadecimal SHA-256.</param>
internal sealed record CacheKey(string Hex)
{
    /// <summary>Gets the first 16 hex characters, enough to tell builds apart in traces and file names.</summary>
    public string Short => Hex[..Math.Min(16, Hex.Length)];

    /// <summary>Returns <see cref="Hex"/>.</summary>
    /// <returns>The hex digest.</returns>
    public override string ToString() => Hex;
}
