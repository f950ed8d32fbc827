namespace Relaxnative.Build;

/// <summary>
/// The key recipes. Every input that can change the produced library is hashed; anything left out here
/// is a way to serve a stale build, so add new inputs here first.
/// </summary>
/// <remarks>
/// Headers are not known before compiling (the compiler discovers them), so a key is made in two steps:
/// <list type="number">
/// <item>The <em>source-set key</em> covers everything known up front: schema, platform, language, compiler
/// path and version, every option in order, and the path and bytes of every source. It names a folder
/// that may hold several entries, one per header state seen so far.</item>
/// <item>The <em>full key</em> adds every header from the compiler's dependency file (path and bytes). An
/// entry under the source-set folder is a hit only when every header it recorded still hashes the same.</item>
/// </list>
/// Source paths are hashed, not just bytes: <c>#include "x.h"</c> resolves against the source's folder, so
/// identical files in two folders can read different headers.
/// </remarks>
internal static class CacheKeys
{
    public static string SourceSet(BuildInputs inputs, Toolchain toolchain, string analyzerFormat, BuildEnvironment environment)
    {
        var hasher = new KeyHasher();
        hasher.Add("kind", "cache")
            .Add("analyzer", analyzerFormat)
            .Add("compiler.path", toolchain.Path)
            .Add("compiler.version", toolchain.Version)
            .Add("include-paths", inputs.IncludePaths)
            .Add("library-paths", inputs.LibraryPaths)
            .Add("sources", [.. inputs.SourceHashes.Select(s => s.Path + "\0" + s.Sha256)]);
        AddCommon(hasher, inputs, environment);
        return hasher.Finish();
    }

    /// <summary>
    /// The prebuilt key leaves out the compiler's identity and uses paths relative to the main source, so a
    /// library built on one machine matches the same sources on another that has no compiler.
    /// </summary>
    public static string PrebuiltSource(BuildInputs inputs, BuildEnvironment environment)
    {
        var folder = Path.GetDirectoryName(inputs.SourcePath)!;
        var hasher = new KeyHasher();
        hasher.Add("kind", "prebuilt")
            .Add("include-paths", inputs.Options.IncludePaths)
            .Add("library-paths", inputs.Options.LibraryPaths)
            .Add("sources", [.. inputs.SourceHashes.Select(s => Relative(folder, s.Path) + "\0" + s.Sha256)]);
        AddCommon(hasher, inputs, environment);
        return hasher.Finish();
    }

    /// <summary>Adds the headers (sorted, so the depfile's order does not matter) to a source-set or prebuilt source key.</summary>
    public static CacheKey WithHeaders(string sourceKey, IReadOnlyList<FileHash> headers)
    {
        var hasher = new KeyHasher();
        hasher.Add("source-key", sourceKey)
            .Add("headers", [.. headers.Select(h => (h.Base ?? "") + "\0" + h.Path + "\0" + h.Sha256).Order(StringComparer.Ordinal)]);
        return new CacheKey(hasher.Finish());
    }

    public static string Relative(string folder, string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');

    private static void AddCommon(KeyHasher hasher, BuildInputs inputs, BuildEnvironment environment)
    {
        var options = inputs.Options;
        hasher.Add("schema", environment.Schema.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("platform", environment.Platform)
            .Add("language", inputs.Language.ToString())
            .Add("optimization", options.Optimization.ToString())
            .Add("flags", options.Flags)
            .Add("defines", options.Defines)
            .Add("libraries", options.Libraries);
    }
}
