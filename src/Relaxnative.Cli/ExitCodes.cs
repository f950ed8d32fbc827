namespace Relaxnative.Cli;

/// <summary>The process exit codes of <c>relaxnative</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran and failed: a compile error, a failing test, no usable compiler.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, a bad argument value, a missing file.</summary>
    public const int Usage = 2;
}
