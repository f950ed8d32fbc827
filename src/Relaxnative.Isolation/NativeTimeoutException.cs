namespace Relaxnative;

/// <summary>
/// A process-isolated call ran longer than the module's <c>CallTimeout</c>. The helper was killed (the call cannot be
/// stopped any other way); the next call starts a fresh helper. Pointers the helper returned earlier are now stale.
/// </summary>
public sealed class NativeTimeoutException : TimeoutException
{
    /// <summary>Creates the exception for <paramref name="functionName"/> and <paramref name="timeout"/>.</summary>
    public NativeTimeoutException(string functionName, TimeSpan timeout)
        : base(IsolationErrors.Timeout(functionName, timeout))
    {
        FunctionName = functionName;
        Timeout = timeout;
    }

    /// <summary>Creates an exception with a message.</summary>
    public NativeTimeoutException(string message) : base(message) => FunctionName = "";

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public NativeTimeoutException(string message, Exception innerException) : base(message, innerException) => FunctionName = "";

    /// <summary>Creates an exception with a default message.</summary>
    public NativeTimeoutException() : this("A native call ran longer than its timeout.") { }

    /// <summary>The function that timed out.</summary>
    public string FunctionName { get; }

    /// <summary>The timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
