namespace Relaxnative.Signatures;

/// <summary>The annotations written above one function definition in its original source.</summary>
/// <param name="Mode">The mode from <c>@sync</c> or <c>@async</c>, or <see langword="null"/> when neither was written.</param>
/// <param name="Cost">The cost from <c>@cost low|medium|high</c>, or <see cref="NativeCost.Unspecified"/>.</param>
/// <param name="IsTrivial">Whether <c>@trivial</c> was written.</param>
/// <param name="Problem">A misuse to report instead of binding (both <c>@sync</c> and <c>@async</c>, an unknown or
/// conflicting <c>@cost</c>), naming the function; <see langword="null"/> when the annotations are valid.</param>
internal sealed record FunctionAnnotations(ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, string? Problem)
{
    /// <summary>The <c>@bounds(buf, n)</c> pairs: a buffer parameter's name and its count parameter's name.</summary>
    public IReadOnlyList<(string Buffer, string Count)> Bounds { get; init; } = [];

    /// <summary>The deallocator named by <c>@frees(name)</c>, or null.</summary>
    public string? Frees { get; init; }

    /// <summary>No annotations.</summary>
    public static FunctionAnnotations None { get; } = new(null, NativeCost.Unspecified, false, null);
}
