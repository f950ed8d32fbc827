namespace Relaxnative.Cli;

/// <summary>
/// An error the tool reports itself: a message for stderr, an optional fix on the next line, and the exit code
/// (<see cref="ExitCodes.Usage"/> for a wrong command line, <see cref="ExitCodes.Failure"/> otherwise).
/// </summary>
internal sealed class CliException : Exception
{
    private CliException(string message, string? fix, int exitCode)
        : base(message)
    {
        Fix = fix;
        ExitCode = exitCode;
    }

    /// <summary>What to do about it, or null.</summary>
    public string? Fix { get; }

    /// <summary>The exit code the process ends with.</summary>
    public int ExitCode { get; }

    /// <summary>A wrong command line (exit code 2).</summary>
    public static CliException Usage(string message, string? fix = null) => new(message, fix, ExitCodes.Usage);

    /// <summary>A command that ran and failed (exit code 1).</summary>
    public static CliException Failure(string message, string? fix = null) => new(message, fix, ExitCodes.Failure);
}
