namespace Relaxnative;

/// <summary>Where a module's calls run.</summary>
public enum IsolationMode
{
    /// <summary>Every call runs directly on the caller's thread.</summary>
    InProcess,

    /// <summary>Sync functions run on the caller; Async functions run on dedicated native worker threads when called asynchronously.</summary>
    Worker,

    /// <summary>Every call runs in a helper process that survives native crashes.</summary>
    Process,
}
