namespace Relaxnative;

/// <summary>
/// The helper process running a process-isolated call died: a signal (SIGSEGV, SIGBUS, SIGFPE, SIGABRT...) or an
/// <c>exit()</c> in native code. The host process is unaffected; the next call starts a fresh helper. Buffers the
/// caller passed are intact (the helper only ever saw copies), but their contents are as before the call.
/// </summary>
public sealed class NativeCrashException : Exception
{
    /// <summary>Creates the exception for <paramref name="functionName"/>.</summary>
    public NativeCrashException(string? functionName, string? signal, int exitCode, string standardErrorTail)
        : base(IsolationErrors.Crash(functionName, signal, exitCode, standardErrorTail))
    {
        FunctionName = functionName;
        Signal = signal;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    /// <summary>Creates an exception with a message.</summary>
    public NativeCrashException(string message) : base(message) => StandardErrorTail = "";

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public NativeCrashException(string message, Exception innerException) : base(message, innerException) => StandardErrorTail = "";

    /// <summary>Creates an exception with a default message.</summary>
    public NativeCrashException() : this("The helper process died during a native call.") { }

    /// <summary>The function whose call was running (or waiting) when the helper died; null when unknown.</summary>
    public string? FunctionName { get; }

    /// <summary>The signal that killed the helper (<c>"SIGSEGV"</c>), or null when it exited.</summary>
    public string? Signal { get; }

    /// <summary>The helper's exit code as .NET reports it (128 + signal number for a signal).</summary>
    public int ExitCode { get; }

    /// <summary>The last lines the helper wrote to stderr (empty when none).</summary>
    public string StandardErrorTail { get; }
}
