using System.Text.Json;

namespace Relaxnative.Build;

/// <summary>
/// Reads and writes prebuilt folders: <c>lib&lt;name&gt;-&lt;key16&gt;.so</c> plus
/// <c>&lt;name&gt;-&lt;key16&gt;.relaxnative.json</c> per library, where the key is the prebuilt source key.
/// </summary>
/// <remarks>
/// Only project headers (under the main source's folder or an include path) are recorded: system headers
/// belong to the toolchain, which the machine using a prebuilt library may not have at all.
/// </remarks>
internal static class PrebuiltStore
{
    private const string ManifestSuffix = ".relaxnative.json";
    private const string DeclarationsSuffix = ".declarations.json";

    /// <summary>The prebuilt folder to search: the option, else <c>RELAXNATIVE_PREBUILT_DIR</c>, else none.</summary>
    public static string? Folder(BuildOptions options, Func<string, string?> getVariable) =>
        !string.IsNullOrWhiteSpace(options.PrebuiltDirectory) ? options.PrebuiltDirectory
        : getVariable("RELAXNATIVE_PREBUILT_DIR") is { Length: > 0 } fromVariable ? fromVariable
        : null;

    /// <summary>Finds a prebuilt library matching the current sources and project headers; no compiler is involved.</summary>
    /// <exception cref="IOException">A manifest matches, but its library name is not a plain file name, or the library is missing or does not hash as recorded.</exception>
    public static (string LibraryPath, CacheKey Key, PrebuiltManifest Manifest, byte[]? Declarations)? TryFind(string folder, BuildInputs inputs, BuildEnvironment environment)
    {
        var sourceKey = CacheKeys.PrebuiltSource(inputs, environment);
        var manifestPath = Path.Combine(folder, Stem(inputs, sourceKey) + ManifestSuffix);
        PrebuiltManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(manifestPath), BuildJsonContext.Default.PrebuiltManifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }

        if (manifest is null
            || manifest.Kind != PrebuiltManifest.KindName
            || manifest.Schema != environment.Schema
            || manifest.SourceKey != sourceKey
            || manifest.Platform != environment.Platform
            || !manifest.Headers.All(h => Resolve(inputs, h) is { } path && KeyHasher.TryHashFile(path) == h.Sha256))
        {
            return null;
        }

        // The manifest matches this source, so a library that fails the checks is an error, not a miss: falling back
        // to a compile would hide a tampered folder (and fail confusingly on a machine without a compiler).
        if (LibraryCheck.Problem(folder, manifest.Library, manifest.LibrarySha256, privateEntry: false, verifiedIdentity: null, out _) is { } damage)
        {
            throw BuildErrors.PrebuiltDamaged(Path.GetFullPath(manifestPath), damage);
        }

        return (Path.GetFullPath(Path.Combine(folder, manifest.Library)), CacheKeys.WithHeaders(sourceKey, manifest.Headers), manifest, ReadDeclarations(folder, manifest));
    }

    /// <summary>Copies a built library into <paramref name="folder"/> and writes its manifest after it.</summary>
    public static CompileResult Write(string folder, BuildOutcome outcome, BuildEnvironment environment)
    {
        var inputs = outcome.Inputs;
        var sourceKey = CacheKeys.PrebuiltSource(inputs, environment);
        var sourceFolder = Path.GetDirectoryName(inputs.SourcePath)!;
        var headers = outcome.Headers.Select(h => Classify(inputs, h)).OfType<FileHash>().ToArray();
        var stem = Stem(inputs, sourceKey);
        var library = BuildEnvironment.LibraryFileName(stem);
        var librarySha256 = KeyHasher.HashFile(outcome.Result.LibraryPath);
        var manifest = new PrebuiltManifest
        {
            Schema = environment.Schema,
            SourceKey = sourceKey,
            Language = inputs.Language.ToString(),
            Library = library,
            LibrarySha256 = librarySha256,
            Platform = environment.Platform,
            CompilerVersion = outcome.Result.CompilerVersion ?? "",
            CreatedUtc = DateTime.UtcNow,
            Sources = [.. inputs.SourceHashes.Select(s => s with { Path = CacheKeys.Relative(sourceFolder, s.Path) })],
            Headers = headers,
            Exports = outcome.Result.Exports,
            Declarations = outcome.Result.Declarations is null ? null : stem + DeclarationsSuffix,
            DeclarationsSha256 = outcome.Result.Declarations is { } model ? KeyHasher.HashBytes(model) : null,
        };

        Directory.CreateDirectory(folder);
        if (outcome.Result.Declarations is { } declarations)
        {
            var declarationsPath = Path.Combine(folder, stem + DeclarationsSuffix);
            File.WriteAllBytes(declarationsPath + ".partial", declarations);
            File.Move(declarationsPath + ".partial", declarationsPath, overwrite: true);
        }

        var libraryPath = Path.GetFullPath(Path.Combine(folder, library));
        // Copy then rename, and write the manifest last, so a reader never matches a half-copied library.
        var partial = libraryPath + "." + Guid.NewGuid().ToString("N") + ".partial";
        File.Copy(outcome.Result.LibraryPath, partial);
        if (!OperatingSystem.IsWindows())
        {
            // The cache keeps its copy private (0700); a prebuilt folder is for shipping, so its libraries are readable by all.
            File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        File.Move(partial, libraryPath, overwrite: true);
        var manifestPath = Path.Combine(folder, stem + ManifestSuffix);
        File.WriteAllBytes(manifestPath + ".partial", JsonSerializer.SerializeToUtf8Bytes(manifest, BuildJsonContext.Default.PrebuiltManifest));
        File.Move(manifestPath + ".partial", manifestPath, overwrite: true);
        return outcome.Result with { LibraryPath = libraryPath, Key = CacheKeys.WithHeaders(sourceKey, headers), Prebuilt = true };
    }

    private static byte[]? ReadDeclarations(string folder, PrebuiltManifest manifest) =>
        KeyHasher.TryReadVerified(folder, manifest.Declarations, manifest.DeclarationsSha256);

    private static string Stem(BuildInputs inputs, string sourceKey) =>
        $"{Path.GetFileNameWithoutExtension(inputs.SourcePath)}-{sourceKey[..16]}";

    private static FileHash? Classify(BuildInputs inputs, FileHash header)
    {
        var sourceFolder = Path.GetDirectoryName(inputs.SourcePath)!;
        if (IsUnder(sourceFolder, header.Path))
        {
            return header with { Base = "source", Path = CacheKeys.Relative(sourceFolder, header.Path) };
        }

        for (var i = 0; i < inputs.IncludePaths.Count; i++)
        {
            if (IsUnder(inputs.IncludePaths[i], header.Path))
            {
                return header with { Base = $"include:{i}", Path = CacheKeys.Relative(inputs.IncludePaths[i], header.Path) };
            }
        }

        return null; // a system header: part of the toolchain
    }

    private static string? Resolve(BuildInputs inputs, FileHash header)
    {
        if (header.Base == "source")
        {
            return Path.Combine(Path.GetDirectoryName(inputs.SourcePath)!, header.Path);
        }

        return header.Base is { } b && b.StartsWith("include:", StringComparison.Ordinal)
            && int.TryParse(b.AsSpan("include:".Length), out var index) && index >= 0 && index < inputs.IncludePaths.Count
            ? Path.Combine(inputs.IncludePaths[index], header.Path)
            : null;
    }

    private static bool IsUnder(string folder, string path)
    {
        var relative = Path.GetRelativePath(folder, path);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }
}
