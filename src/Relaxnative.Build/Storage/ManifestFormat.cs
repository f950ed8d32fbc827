namespace Relaxnative.Build;

/// <summary>
/// The binary form of the manifests a warm load reads: a cache entry's <see cref="BuildManifest"/> and a stored header
/// model's <see cref="HeaderModelManifest"/>, each a <see cref="SealedFile"/> (magic, version, length, SHA-256).
/// Prebuilt manifests stay JSON: they ship beside libraries for people to read.
/// </summary>
internal static class ManifestFormat
{
    /// <summary>The version of both manifests' layout; a manifest of any other version is damage, and its entry is rebuilt.</summary>
    public const int Version = 1;

    private static ReadOnlySpan<byte> BuildMagic => "RNBM"u8;

    private static ReadOnlySpan<byte> HeaderModelMagic => "RNHM"u8;

    public static byte[] Write(BuildManifest manifest) => SealedFile.Write(BuildMagic, Version, w =>
    {
        w.Count(manifest.Schema);
        w.String(manifest.Key);
        w.String(manifest.SourceSetKey);
        w.Bool(manifest.Stable);
        w.String(manifest.Language);
        w.String(manifest.Library);
        w.String(manifest.LibrarySha256);
        w.OptionalString(manifest.LibraryIdentity);
        w.String(manifest.Platform);
        w.String(manifest.CompilerPath);
        w.String(manifest.CompilerVersion);
        w.String(manifest.CommandLine);
        w.Time(manifest.CreatedUtc);
        w.Double(manifest.CompileMilliseconds);
        w.List(manifest.Sources, WriteFileHash);
        w.List(manifest.Headers, WriteFileHash);
        w.Strings(manifest.ShadowPaths);
        w.Bool(manifest.Exports is not null);
        if (manifest.Exports is { } exports)
        {
            w.List(exports.Functions, WriteSymbol);
            w.List(exports.Variables, WriteSymbol);
            w.Strings(exports.LocalFunctions);
        }

        w.OptionalString(manifest.Declarations);
        w.OptionalString(manifest.DeclarationsSha256);
    });

    /// <summary>The manifest in <paramref name="bytes"/>, or <see langword="null"/> when they are not one of <see cref="Version"/> or are damaged.</summary>
    public static BuildManifest? TryReadBuild(byte[] bytes) => SealedFile.TryRead(bytes, BuildMagic, Version, r => new BuildManifest
    {
        Schema = r.Count(),
        Key = r.String(),
        SourceSetKey = r.String(),
        Stable = r.Bool(),
        Language = r.String(),
        Library = r.String(),
        LibrarySha256 = r.String(),
        LibraryIdentity = r.OptionalString(),
        Platform = r.String(),
        CompilerPath = r.String(),
        CompilerVersion = r.String(),
        CommandLine = r.String(),
        CreatedUtc = r.Time(),
        CompileMilliseconds = r.Double(),
        Sources = r.List(ReadFileHash),
        Headers = r.List(ReadFileHash),
        ShadowPaths = r.Strings(),
        Exports = r.Bool() ? new ExportTable(r.List(ReadSymbol), r.List(ReadSymbol), r.Strings()) : null,
        Declarations = r.OptionalString(),
        DeclarationsSha256 = r.OptionalString(),
    });

    public static byte[] Write(HeaderModelManifest manifest) => SealedFile.Write(HeaderModelMagic, Version, w =>
    {
        w.Count(manifest.Schema);
        w.String(manifest.Key);
        w.List(manifest.Headers, WriteFileHash);
        w.String(manifest.Declarations);
        w.String(manifest.DeclarationsSha256);
        w.Time(manifest.CreatedUtc);
    });

    /// <summary>The manifest in <paramref name="bytes"/>, or <see langword="null"/> when they are not one of <see cref="Version"/> or are damaged.</summary>
    public static HeaderModelManifest? TryReadHeaderModel(byte[] bytes) => SealedFile.TryRead(bytes, HeaderModelMagic, Version, r => new HeaderModelManifest
    {
        Schema = r.Count(),
        Key = r.String(),
        Headers = r.List(ReadFileHash),
        Declarations = r.String(),
        DeclarationsSha256 = r.String(),
        CreatedUtc = r.Time(),
    });

    private static void WriteFileHash(SealedWriter w, FileHash file)
    {
        w.String(file.Path);
        w.String(file.Sha256);
        w.OptionalString(file.Base);
    }

    private static FileHash ReadFileHash(SealedReader r) => new(r.String(), r.String(), r.OptionalString());

    private static void WriteSymbol(SealedWriter w, ExportedSymbol symbol)
    {
        w.String(symbol.Name);
        w.OptionalString(symbol.Version);
        w.Bool(symbol.IsIndirect);
        w.ULong(symbol.Size);
    }

    private static ExportedSymbol ReadSymbol(SealedReader r) => new(r.String(), r.OptionalString(), r.Bool(), r.ULong());
}
