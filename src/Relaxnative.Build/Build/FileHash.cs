namespace Relaxnative.Build;

/// <summary>A file and the SHA-256 of its bytes, as recorded in a manifest.</summary>
/// <param name="Path">The file path (absolute in the cache; relative to <paramref name="Base"/> in a prebuilt manifest).</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the file bytes.</param>
/// <param name="Base">Only in prebuilt manifests: <c>source</c> (the main source's folder) or <c>include:N</c> (include path N).</param>
internal sealed record FileHash(string Path, string Sha256, string? Base = null);
