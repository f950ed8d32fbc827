namespace Relaxnative.Binding;

/// <summary>
/// The messages of <c>[RequiresDynamicCode]</c> and <c>[RequiresUnreferencedCode]</c> on APIs that generate code at
/// run time, so an application published with NativeAOT or trimming sees at its call site what to use instead.
/// </summary>
internal static class CodeGeneration
{
    /// <summary>Calls that go through an emitted stub (Invoke, InvokeAsync, AsDelegate, Bind, dynamic).</summary>
    internal const string Calls =
        "Relaxnative emits a call stub at run time (Reflection.Emit) and reflects over argument and delegate types. " +
        "Under NativeAOT, call the function's Address through a delegate* unmanaged you declare; see docs/packaging.md.";

    /// <summary>Callbacks: a delegate becomes a native function pointer through an emitted thunk.</summary>
    internal const string Callbacks =
        "Relaxnative emits a native-callable thunk for the delegate at run time. Under NativeAOT, pass the address of " +
        "an [UnmanagedCallersOnly] method (&Method as nint) instead; see docs/packaging.md.";
}
