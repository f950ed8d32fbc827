namespace Relaxnative.Build;

/// <summary>Maps source file extensions to <see cref="SourceLanguage"/>.</summary>
internal static class SourceLanguages
{
    /// <summary>Gets the extensions this room compiles, with their leading dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".c", ".cpp", ".cc", ".cxx", ".rs", ".h", ".hpp", ".hh", ".hxx"];

    /// <summary>Detects the language of a source file from its extension (case-insensitive).</summary>
    /// <param name="path">The source file path; the file need not exist.</param>
    /// <param name="language">The detected language.</param>
    /// <returns><see langword="true"/> when the extension is a known source extension.</returns>
    public static bool TryFromPath(string path, out SourceLanguage language)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".c" or ".h":
                language = SourceLanguage.C;
                return true;
            case ".cpp" or ".cc" or ".cxx" or ".hpp" or ".hh" or ".hxx":
                language = SourceLanguage.Cpp;
                return true;
            case ".rs":
                language = SourceLanguage.Rust;
                return true;
            default:
                language = default;
                return false;
        }
    }

    /// <summary>Detects the language of a source file from its extension (case-insensitive).</summary>
    /// <param name="path">The source file path; the file need not exist.</param>
    /// <returns>The detected language.</returns>
    /// <exception cref="ArgumentException">The extension is not <c>.c</c>, <c>.cpp</c>, <c>.cc</c>, <c>.cxx</c> or <c>.rs</c>.</exception>
    public static SourceLanguage FromPath(string path) =>
        TryFromPath(path, out var language) ? language : throw BuildErrors.UnknownExtension(path);

    /// <summary>
    /// The arguments that go right before <paramref name="path"/> on a compiler command line: <c>-x c</c> or <c>-x c++</c>
    /// for a header compiled as a translation unit of its own (a single-header library), since the compiler would
    /// otherwise make a precompiled header of it; nothing for ordinary sources.
    /// </summary>
    internal static string[] InputArguments(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".h" => ["-x", "c"],
            ".hpp" or ".hh" or ".hxx" => ["-x", "c++"],
            _ => [],
        };
}
