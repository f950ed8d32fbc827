namespace Relaxnative.Build;

/// <summary>A build request with every path made absolute and every source hashed once.</summary>
/// <param name="SourcePath">The main source, absolute.</param>
/// <param name="Language">Its language.</param>
/// <param name="Options">The options as given.</param>
/// <param name="ExtraSources">The extra sources, absolute, in the given order.</param>
/// <param name="IncludePaths">The include paths, absolute, in the given order.</param>
/// <param name="LibraryPaths">The library paths, absolute, in the given order.</param>
/// <param name="SourceHashes">The main source then each extra source, with the hash of its bytes.</param>
internal sealed record BuildInputs(
    string SourcePath,
    SourceLanguage Language,
    BuildOptions Options,
    IReadOnlyList<string> ExtraSources,
    IReadOnlyList<string> IncludePaths,
    IReadOnlyList<string> LibraryPaths,
    IReadOnlyList<FileHash> SourceHashes)
{
    public IEnumerable<string> AllSources => [SourcePath, .. ExtraSources];

    /// <exception cref="FileNotFoundException">A source does not exist.</exception>
    /// <exception cref="ArgumentException">The main source's extension is unknown.</exception>
    public static BuildInputs Create(string sourcePath, BuildOptions options)
    {
        var source = Path.GetFullPath(sourcePath);
        var language = SourceLanguages.FromPath(source);
        var extra = options.Sources.Select(Path.GetFullPath).ToArray();
        var hashes = new List<FileHash>(extra.Length + 1);
        foreach (var path in (string[])[source, .. extra])
        {
            // Relative paths in errors are easier to recognise, so report the path as the caller wrote it when possible.
            var hash = KeyHasher.TryHashFile(path) ?? throw BuildErrors.SourceNotFound(path);
            hashes.Add(new FileHash(path, hash));
        }

        return new BuildInputs(
            source,
            language,
            options,
            extra,
            [.. options.IncludePaths.Select(Path.GetFullPath)],
            [.. options.LibraryPaths.Select(Path.GetFullPath)],
            hashes);
    }
}
