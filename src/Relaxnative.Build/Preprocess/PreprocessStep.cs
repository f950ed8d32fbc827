namespace Relaxnative.Build;

/// <summary>One <c>-E</c> run: the compiler's own preprocessing of one translation unit, line markers kept.</summary>
/// <param name="SourcePath">The translation unit (or the generated unit that includes the headers).</param>
/// <param name="Language">C or C++.</param>
/// <param name="Step">The command.</param>
/// <param name="OutputPath">The file the command writes.</param>
internal sealed record PreprocessStep(string SourcePath, SourceLanguage Language, CompileStep Step, string OutputPath)
{
    /// <summary>The layout probe for the unit: the same compiler and flags.</summary>
    public LayoutProbe? Probe { get; init; }

    /// <summary>The preprocess command for <paramref name="source"/> with the build's <paramref name="commonFlags"/>.</summary>
    public static PreprocessStep Create(Toolchain toolchain, IReadOnlyList<string> commonFlags, string source, string output) =>
        new(source, SourceLanguages.FromPath(source), new CompileStep(toolchain.Path, [.. commonFlags, "-E", "-o", output, .. SourceLanguages.InputArguments(source), source]), output)
        {
            Probe = new LayoutProbe(toolchain.Path, [.. commonFlags]),
        };
}
