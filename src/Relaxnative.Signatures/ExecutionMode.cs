namespace Relaxnative;

/// <summary>How a native function is run by default.</summary>
public enum ExecutionMode
{
    /// <summary>On the calling thread; the call blocks until the function returns.</summary>
    Sync,

    /// <summary>On a native worker thread; the call returns a task.</summary>
    Async,
}
