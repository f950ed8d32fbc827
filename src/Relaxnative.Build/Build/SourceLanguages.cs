namespace Relaxnative.Build;

/// <summary>Maps source file extensions to <see cref="SourceLanguage"/>.</summary>
internal static class SourceLanguages
{
    /// <summary>Gets the extensions this room compiles, with their leading dot.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".c", ".cpp", ".cc", ".cxx", ".rs"];

    /// <summary>Detects the language of a source file from its extension (case-insensitive).</summary>
    /// <param name="path">The source file path; the file need not exist.</param>
    /// <param name="language">The detected language.</param>
    /// <returns><see langword="true"/> when the extension is a known source extension.</returns>
    public static bool TryFromPath(string path, out SourceLanguage language)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (Path.GetExtension(path).ToLowerInvariant())
        {
            case ".c":
                language = SourceLanguage.C;
                return true;
            case ".cpp" or ".cc" or ".cxx":
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
}
