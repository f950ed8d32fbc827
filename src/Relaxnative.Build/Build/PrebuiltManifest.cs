namespace Relaxnative.Build;

/// <summary>
/// The manifest beside a prebuilt library. It is matched without a compiler: its key covers the schema,
/// platform, language and every option except the compiler's identity, plus the bytes of the sources and
/// of the project headers (those under the source folder or an include path) they read.
/// </summary>
internal sealed record PrebuiltManifest
{
    public const string KindName = "relaxnative-prebuilt";

    public string Kind { get; init; } = KindName;
    public int Schema { get; init; }

    /// <summary>The prebuilt source key without headers; it names the files, so lookup is one <c>File.Exists</c>.</summary>
    public string SourceKey { get; init; } = "";

    public string Language { get; init; } = "";
    /// <summary>The library's file name beside the manifest: a plain name, never a path.</summary>
    public string Library { get; init; } = "";

    /// <summary>The lowercase hex SHA-256 of the library's bytes, verified whenever the manifest matches.</summary>
    public string LibrarySha256 { get; init; } = "";
    public string Platform { get; init; } = "";
    public string CompilerVersion { get; init; } = "";
    public DateTime CreatedUtc { get; init; }

    /// <summary>Sources relative to the main source's folder.</summary>
    public IReadOnlyList<FileHash> Sources { get; init; } = [];

    /// <summary>Project headers, each relative to its <see cref="FileHash.Base"/>.</summary>
    public IReadOnlyList<FileHash> Headers { get; init; } = [];

    /// <summary>The library's export table, as read when it was built.</summary>
    public ExportTable? Exports { get; init; }

    /// <summary>The file beside the manifest holding the serialized declaration model, or <see langword="null"/>.</summary>
    public string? Declarations { get; init; }

    /// <summary>The SHA-256 of <see cref="Declarations"/>' bytes, checked when it is read.</summary>
    public string? DeclarationsSha256 { get; init; }
}
