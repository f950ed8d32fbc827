namespace Relaxnative.Build;

/// <summary>One compiler invocation.</summary>
/// <param name="FileName">The compiler executable.</param>
/// <param name="Arguments">Its arguments, passed as a list (never through a shell).</param>
internal sealed record CompileStep(string FileName, IReadOnlyList<string> Arguments)
{
    public string CommandLine => ProcessRunner.FormatCommandLine(FileName, Arguments);
}
