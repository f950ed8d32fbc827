namespace Relaxnative.Build;

/// <summary>The discovery result for one language: every candidate tried and the one chosen.</summary>
/// <param name="Language">The language.</param>
/// <param name="Candidates">Every candidate tried, in discovery order.</param>
/// <param name="Chosen">The compiler that will be used, or <see langword="null"/> when none works.</param>
internal sealed record LanguageToolchainReport(SourceLanguage Language, IReadOnlyList<ToolchainCandidate> Candidates, Toolchain? Chosen);
