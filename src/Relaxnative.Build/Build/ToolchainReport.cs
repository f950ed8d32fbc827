namespace Relaxnative.Build;

/// <summary>A doctor-grade view of compiler discovery for every language (used by <c>relaxnative doctor</c>).</summary>
/// <param name="Languages">One entry per <see cref="SourceLanguage"/>, in enum order.</param>
internal sealed record ToolchainReport(IReadOnlyList<LanguageToolchainReport> Languages)
{
    /// <summary>Gets the entry for one language.</summary>
    /// <param name="language">The language.</param>
    /// <returns>The discovery result for <paramref name="language"/>.</returns>
    public LanguageToolchainReport this[SourceLanguage language] => Languages.First(l => l.Language == language);
}
