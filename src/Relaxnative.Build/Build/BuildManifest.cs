namespace Relaxnative.Build;

/// <summary>The <c>manifest.bin</c> of a cache entry (see <see cref="ManifestFormat"/>). It is written last, so an entry without it is incomplete and never a hit.</summary>
internal sealed record BuildManifest
{
    public int Schema { get; init; }

    /// <summary>The full key: <see cref="SourceSetKey"/> plus every header recorded below.</summary>
    public string Key { get; init; } = "";

    /// <summary>The key over everything but headers, which names the entry's parent folder.</summary>
    public string SourceSetKey { get; init; } = "";

    /// <summary>False when an input changed while the compiler ran; such an entry is never served again.</summary>
    public bool Stable { get; init; }

    public string Language { get; init; } = "";

    /// <summary>The library's file name inside the entry folder: a plain name, never a path (anything else is damage).</summary>
    public string Library { get; init; } = "";

    /// <summary>The lowercase hex SHA-256 of the library's bytes, verified on every hit (see <see cref="LibraryIdentity"/>).</summary>
    public string LibrarySha256 { get; init; } = "";

    /// <summary>
    /// The library's <see cref="FileStatus.Identity"/> when its bytes last hashed as <see cref="LibrarySha256"/>: a hit whose
    /// library still has this identity is not hashed again. Null where identities cannot be read.
    /// </summary>
    public string? LibraryIdentity { get; init; }

    public string Platform { get; init; } = "";
    public string CompilerPath { get; init; } = "";
    public string CompilerVersion { get; init; } = "";
    public string CommandLine { get; init; } = "";
    public DateTime CreatedUtc { get; init; }
    public double CompileMilliseconds { get; init; }
    public IReadOnlyList<FileHash> Sources { get; init; } = [];

    /// <summary>Every header (or Rust module) the compiler read, from its dependency file, with its hash at build time.</summary>
    public IReadOnlyList<FileHash> Headers { get; init; } = [];

    /// <summary>Paths that did not exist at build time and would shadow a recorded header if created (see <see cref="Build.ShadowProbes"/>).</summary>
    public IReadOnlyList<string> ShadowPaths { get; init; } = [];

    /// <summary>The library's export table, read from its dynamic symbol table right after the build.</summary>
    public ExportTable? Exports { get; init; }

    /// <summary>The file in the entry holding the serialized declaration model of every translation unit, or <see langword="null"/> (Rust, or built without analysis).</summary>
    public string? Declarations { get; init; }

    /// <summary>The SHA-256 of <see cref="Declarations"/>' bytes, checked when it is read.</summary>
    public string? DeclarationsSha256 { get; init; }
}
