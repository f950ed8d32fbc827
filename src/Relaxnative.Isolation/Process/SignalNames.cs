namespace Relaxnative.Isolation.Process;

/// <summary>Linux signal numbers and names, and how .NET reports a child killed by a signal (exit code 128 + signal).</summary>
internal static class SignalNames
{
    /// <summary>The name of signal <paramref name="signal"/> (<c>11</c>: <c>"SIGSEGV"</c>), or <c>"SIG&lt;n&gt;"</c>.</summary>
    public static string Name(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        5 => "SIGTRAP",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        31 => "SIGSYS",
        _ => "SIG" + signal.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The signal that killed a child whose .NET <c>Process.ExitCode</c> is <paramref name="exitCode"/>, or null when it
    /// exited. .NET reports a signal death as 128 + the signal number, so an <c>exit(139)</c> is indistinguishable from
    /// SIGSEGV; native code rarely exits with such codes.
    /// </summary>
    public static string? FromExitCode(int exitCode) => exitCode is > 128 and < 128 + 65 ? Name(exitCode - 128) : null;
}
