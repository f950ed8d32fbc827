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

    /// <summary>
    /// For a variadic function, the index of the first argument that matches <c>...</c>; null otherwise. The plan of
    /// a declared variadic function holds only the fixed parameters (Count equals this index); the plan of one call
    /// shape also holds the tail, typed after C's default argument promotions, and is called through
    /// <see cref="VariadicThunks"/>.
    /// </summary>
    public int? VariadicFrom { get; init; }

    /// <summary>
    /// Whether the call saves <c>errno</c> into <see cref="NativeFunction.LastErrno"/> right after the native call
    /// returns (<see cref="BindOptions.CaptureErrno"/>). Part of the emitted code's shape.
    /// </summary>
    public bool CaptureErrno { get; init; }
}
