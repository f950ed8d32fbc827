using Relaxnative.Isolation.Process;

namespace Relaxnative;

/// <summary>Options for <see cref="Native.Load"/>. Immutable; safe to share.</summary>
public sealed record LoadOptions
{
    /// <summary>The defaults: worker isolation, synchronous unless annotated, release build, no call timeout.</summary>
    public static LoadOptions Default { get; } = new();

    /// <summary>Where calls run. Default <see cref="IsolationMode.Worker"/>: Sync functions on the caller, Async ones on native worker threads.</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Worker;

    /// <summary>The mode of every function that has no entry in <see cref="FunctionModes"/> and no <c>@sync</c>/<c>@async</c> annotation.</summary>
    public ExecutionMode? DefaultMode { get; init; }

    /// <summary>Per-function modes; they win over annotations and <see cref="DefaultMode"/>.</summary>
    public IReadOnlyDictionary<string, ExecutionMode>? FunctionModes { get; init; }

    /// <summary>How to compile the source (extra sources, include paths, libraries, defines, flags, cache folder).</summary>
    public BuildOptions Build { get; init; } = BuildOptions.Default;

    /// <summary>
    /// In <see cref="IsolationMode.Process"/>, the longest one native call may run before its helper is killed; null
    /// (the default) for no limit. When set it wins over <see cref="ProcessIsolation"/>'s
    /// <see cref="ProcessIsolationOptions.CallTimeout"/>. Without a limit a helper that never answers (a deadlock, or
    /// a helper stopped with SIGSTOP) blocks the call until it does: see docs/isolation.md.
    /// </summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// In <see cref="IsolationMode.Process"/>, how the helper is started and bounded: its path, address-space and
    /// CPU-time limits, environment, start-up timeout and initial shared-memory size. Null uses the defaults of
    /// <see cref="ProcessIsolationOptions"/>. Ignored in other modes.
    /// </summary>
    public ProcessIsolationOptions? ProcessIsolation { get; init; }

    /// <summary>
    /// For a prebuilt shared library (<c>.so</c>, <c>.dylib</c>, <c>.dll</c>), the C declarations of the functions to
    /// bind, since there is no source to scan. Ignored for sources.
    /// </summary>
    public IReadOnlyList<string> Declarations { get; init; } = [];
}
