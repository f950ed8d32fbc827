namespace Relaxnative;

/// <summary>
/// Thrown when the compiler (or linker) fails on a source file. The failed build is not cached: the
/// next build runs the compiler again and reports the same error until the source is fixed.
/// </summary>
public sealed class NativeBuildException : Exception
{
    /// <summary>Initialises a new instance from a failed compiler run.</summary>
    /// <param name="message">The message, built by the Build room's error templates.</param>
    /// <param name="commandLine">The command line that failed, quoted so it can be pasted into a shell.</param>
    /// <param name="exitCode">The compiler's exit code.</param>
    /// <param name="diagnostics">The diagnostics parsed from <paramref name="output"/>.</param>
    /// <param name="output">The compiler's standard error and standard output.</param>
    public NativeBuildException(string message, string commandLine, int exitCode, IReadOnlyList<CompilerDiagnostic> diagnostics, string output)
        : base(message)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        Diagnostics = diagnostics;
        Output = output;
    }

    /// <summary>Gets the command line that failed, quoted so it can be pasted into a shell.</summary>
    public string CommandLine { get; }

    /// <summary>Gets the compiler's exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Gets the errors, warnings and notes parsed from the compiler output, in output order.</summary>
    public IReadOnlyList<CompilerDiagnostic> Diagnostics { get; }

    /// <summary>Gets the raw compiler output (standard error followed by standard output).</summary>
    public string Output { get; }
}
