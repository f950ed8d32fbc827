namespace Relaxnative.Build;

/// <summary>
/// The <c>manifest.bin</c> of a stored header model (<c>headers/&lt;key&gt;/</c> under the cache root): what
/// <c>Native.Open</c> learned from a set of headers, valid while every header the compiler read still hashes the same.
/// Written last, so a folder without it is incomplete and never a hit.
/// </summary>
internal sealed record HeaderModelManifest
{
    public int Schema { get; init; }

    /// <summary>The key over the compiler, language, flags, the analyzer's format and the include lines.</summary>
    public string Key { get; init; } = "";

    /// <summary>Every file the compiler read while preprocessing, from its dependency file, with its hash at the time.</summary>
    public IReadOnlyList<FileHash> Headers { get; init; } = [];

    /// <summary>The file in the folder holding the analyzer's bytes: a plain name, never a path.</summary>
    public string Declarations { get; init; } = "";

    /// <summary>The SHA-256 of <see cref="Declarations"/>' bytes, checked when it is read.</summary>
    public string DeclarationsSha256 { get; init; } = "";

    public DateTime CreatedUtc { get; init; }
}
