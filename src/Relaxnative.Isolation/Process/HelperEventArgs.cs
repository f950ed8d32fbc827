namespace Relaxnative.Isolation.Process;

/// <summary>A helper process started.</summary>
/// <param name="processId">The helper's process id.</param>
internal sealed class HelperStartedEventArgs(int processId) : EventArgs
{
    /// <summary>The helper's process id.</summary>
    public int ProcessId { get; } = processId;
}

/// <summary>A helper process exited (crash, timeout, or an orderly stop).</summary>
/// <param name="processId">The helper's process id.</param>
/// <param name="exitCode">Its exit code as .NET reports it (128 + signal for a signal).</param>
/// <param name="signal">The signal that killed it (<c>"SIGSEGV"</c>), or null.</param>
internal sealed class HelperExitedEventArgs(int processId, int exitCode, string? signal) : EventArgs
{
    /// <summary>The helper's process id.</summary>
    public int ProcessId { get; } = processId;

    /// <summary>Its exit code as .NET reports it (128 + signal for a signal).</summary>
    public int ExitCode { get; } = exitCode;

    /// <summary>The signal that killed it, or null when it exited.</summary>
    public string? Signal { get; } = signal;
}

/// <summary>A call is about to be sent to the helper.</summary>
/// <param name="function">The function called.</param>
internal sealed class CallDispatchedEventArgs(NativeFunction function) : EventArgs
{
    /// <summary>The function called.</summary>
    public NativeFunction Function { get; } = function;
}
