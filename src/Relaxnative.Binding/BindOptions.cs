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

    /// <summary>
    /// How <c>char*</c> arguments and results hold text: <see cref="StringEncoding.Utf8"/> (the default; invalid bytes in a
    /// result become U+FFFD), <see cref="StringEncoding.Utf8Strict"/> (invalid bytes throw), <see cref="StringEncoding.Latin1"/>
    /// or <see cref="StringEncoding.Utf16"/>. Wide types need no option (<c>char16_t*</c> is UTF-16; <c>wchar_t*</c> and
    /// <c>char32_t*</c> are UTF-32). Only <see cref="StringEncoding.Utf8"/> in <see cref="IsolationMode.Process"/> modules.
    /// </summary>
    public StringEncoding StringEncoding { get; init; } = StringEncoding.Utf8;

    /// <summary>
    /// The name of the function that frees the result (<c>"free"</c> for <c>strdup</c>, <c>"cJSON_Delete"</c> for
    /// <c>cJSON_Parse</c>), looked up in the library and the libraries it depends on; null (the default) when the caller
    /// does not own the result. An owned pointer result comes back as <see cref="OwnedNativePointer"/>, which calls the
    /// deallocator exactly once on <c>Free</c>/<c>Dispose</c>; an owned <c>char*</c> result comes back as a string, read and
    /// freed in one step (<c>Invoke&lt;OwnedNativePointer&gt;</c> keeps it instead). Not available in
    /// <see cref="IsolationMode.Process"/> modules.
    /// </summary>
    public string? Frees { get; init; }

    /// <summary>
    /// Buffer parameters paired with the parameter that counts their elements (as <c>@bounds(buf, n)</c> in a source): a call
    /// passing a <see cref="NativeBuffer"/>, sized <see cref="NativePointer"/>, array, span or string smaller than the count asks
    /// is refused before it runs. Added to the pairs a header declares with <c>__attribute__((access(...)))</c>. Empty by default.
    /// </summary>
    public IReadOnlyList<BoundsPair> Bounds { get; init; } = [];
}
