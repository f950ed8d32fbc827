namespace Relaxnative.Binding;

/// <summary>
/// How to call one C function: the conversion plan of each parameter and of the return value. Built once per
/// signature by <see cref="CallPlanner"/>, immutable, shared by every call path (untyped, typed, isolated).
/// </summary>
/// <param name="Signature">The C signature.</param>
/// <param name="Parameters">One plan per parameter, in order.</param>
/// <param name="Return">The return value's plan.</param>
/// <param name="IsTrivial">
/// Called without the GC transition (<c>SuppressGCTransition</c>): only for short functions that never block,
/// never call back into .NET, and never take a lock.
/// </param>
internal sealed record CallPlan(CFunctionSignature Signature, IReadOnlyList<ValuePlan> Parameters, ValuePlan Return, bool IsTrivial)
{
    /// <summary>The buffer/count pairs checked before each call; null when the function has none.</summary>
    public BoundsCheck? Bounds { get; init; }

    /// <summary>The ABI types of the parameters, in order.</summary>
    public Type[] AbiParameterTypes => [.. Parameters.Select(p => p.AbiType)];

    /// <summary>Whether any parameter needs work before or after the call (pinning, leases, temporary memory).</summary>
    public bool HasPointerParameters => Parameters.Any(p => p.IsPointerLike);
}
