namespace Relaxnative.Build;

/// <summary>One translation unit (or a set of headers) as the compiler preprocessed it, line markers kept.</summary>
/// <param name="SourcePath">The absolute path of the source or header the text came from.</param>
/// <param name="Language">C or C++: how the compiler read it.</param>
/// <param name="Text">The preprocessed text: macros expanded, includes inlined, conditionals resolved, with <c># N "file" flags</c> markers.</param>
internal sealed record PreprocessedUnit(string SourcePath, SourceLanguage Language, string Text)
{
    /// <summary>The compiler and flags that preprocessed the unit, to measure its records' layouts; <see langword="null"/> when
    /// the unit came from storage (no compiler at hand).</summary>
    public LayoutProbe? Probe { get; init; }
}
