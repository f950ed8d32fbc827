namespace Relaxnative;

/// <summary>A function definition with external linkage found by the source scanner.</summary>
/// <param name="Signature">The parsed signature of the definition.</param>
/// <param name="Mode">The mode from a <c>@sync</c> or <c>@async</c> annotation, or <see langword="null"/> when none was given.</param>
/// <param name="Cost">The cost from a <c>@cost</c> annotation, or <see cref="NativeCost.Unspecified"/>.</param>
/// <param name="IsTrivial"><see langword="true"/> when the definition is annotated <c>@trivial</c>.</param>
/// <param name="Line">The 1-based line where the definition starts (its first attribute or specifier).</param>
internal sealed record ScannedFunction(CFunctionSignature Signature, ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, int Line);
