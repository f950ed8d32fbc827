namespace Relaxnative;

/// <summary>One compiler candidate tried during discovery.</summary>
/// <param name="Name">What was looked for: an environment variable such as <c>$CC</c>, a name such as <c>gcc</c>, or an explicit path.</param>
/// <param name="ResolvedPath">The absolute path it resolved to, or <see langword="null"/> when it was not found.</param>
/// <param name="Version">The first line of <c>--version</c> when the compiler works; otherwise <see langword="null"/>.</param>
/// <param name="Error">Why the candidate was rejected ("not set", "not on PATH", the <c>--version</c> failure); <see langword="null"/> when it works.</param>
public sealed record ToolchainCandidate(string Name, string? ResolvedPath, string? Version, string? Error)
{
    /// <summary>Gets a value indicating whether the candidate was found and answered <c>--version</c>.</summary>
    public bool Works => Error is null;

    /// <summary>Returns a one-line description, e.g. <c>gcc: /usr/bin/gcc (gcc 12.2.0)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        Works ? $"{Name}: {ResolvedPath} ({Version})"
        : ResolvedPath is null ? $"{Name}: {Error}"
        : $"{Name}: {ResolvedPath}: {Error}";
}
