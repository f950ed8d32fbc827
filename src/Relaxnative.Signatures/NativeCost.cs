namespace Relaxnative;

/// <summary>The cost hint a native function carries (<c>@cost low|medium|high</c>).</summary>
public enum NativeCost
{
    /// <summary>No <c>@cost</c> annotation was given.</summary>
    Unspecified,

    /// <summary><c>@cost low</c>: cheap; worth calling inline.</summary>
    Low,

    /// <summary><c>@cost medium</c>.</summary>
    Medium,

    /// <summary><c>@cost high</c>: expensive; a candidate for a worker thread.</summary>
    High,
}
