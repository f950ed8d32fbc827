namespace Relaxnative;

/// <summary>Options for <c>NativeModule.Bind</c>. Immutable.</summary>
public sealed record BindOptions
{
    /// <summary>Defaults: synchronous, cost unspecified, not trivial.</summary>
    public static BindOptions Default { get; } = new();

    /// <summary>
    /// Call without the GC transition (<c>SuppressGCTransition</c> semantics), saving a few nanoseconds per call.
    /// Only for tiny functions that return quickly and never block, wait, take a lock, allocate through a lock,
    /// call back into .NET, or throw: while the call runs, the GC cannot suspend this thread, so a long or blocking
    /// trivial call stalls every thread in the process at the next GC, and a callback crashes it.
    /// Applies to functions of up to six integer or pointer arguments; other shapes keep the normal transition.
    /// </summary>
    public bool Trivial { get; init; }

    /// <summary>The function's execution mode.</summary>
    public ExecutionMode Mode { get; init; } = ExecutionMode.Sync;

    /// <summary>The function's declared cost.</summary>
    public NativeCost Cost { get; init; } = NativeCost.Unspecified;

    /// <summary>
    /// Save C's <c>errno</c> right after each call returns, before any other code on the thread can change it, into
    /// <see cref="NativeFunction.LastErrno"/> (what <c>DllImport(SetLastError = true)</c> and Java's
    /// <c>captureCallState("errno")</c> do). Worker and helper-process calls carry the value back to the caller's
    /// thread. Costs about a nanosecond per call when on (ErrnoBenchmarks), nothing when off.
    /// </summary>
    public bool CaptureErrno { get; init; }
}
