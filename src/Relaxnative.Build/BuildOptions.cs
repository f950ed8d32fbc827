namespace Relaxnative;

/// <summary>
/// How a source file is compiled into a shared library. Every property takes part in the cache key:
/// changing any of them produces a new build rather than serving an old one.
/// </summary>
/// <remarks>
/// Record equality compares the list properties by reference; the build cache never relies on it and
/// hashes the list contents instead. Instances are immutable and safe to share between threads.
/// </remarks>
public sealed record BuildOptions
{
    /// <summary>Gets the shared default options: no extra inputs, release optimisation, default cache root.</summary>
    public static BuildOptions Default { get; } = new();

    /// <summary>
    /// Gets extra source files compiled and linked into the same library as the main source. Relative
    /// paths are resolved against the current directory. For Rust they are not passed to <c>rustc</c>
    /// (modules are found through <c>mod</c> declarations) but still take part in the cache key.
    /// </summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Gets directories searched for headers (<c>-I</c>). Ignored by Rust except in the cache key.</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];

    /// <summary>Gets directories searched for libraries at link time (<c>-L</c>).</summary>
    public IReadOnlyList<string> LibraryPaths { get; init; } = [];

    /// <summary>Gets libraries to link, by name without the <c>lib</c> prefix (<c>-l</c>), for example <c>"m"</c>.</summary>
    public IReadOnlyList<string> Libraries { get; init; } = [];

    /// <summary>Gets extra compiler arguments, passed verbatim after the generated ones.</summary>
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>
    /// Gets preprocessor definitions, <c>NAME</c> or <c>NAME=VALUE</c> (<c>-D</c>). For Rust they become
    /// <c>--cfg NAME</c> or <c>--cfg NAME="VALUE"</c>.
    /// </summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>
    /// Gets the compiler to use instead of discovery: a path, or a name searched on <c>PATH</c>.
    /// <see langword="null"/> discovers the compiler for the source language.
    /// </summary>
    public string? Compiler { get; init; }

    /// <summary>Gets the optimisation level. The default is <see cref="OptimizationLevel.Release"/>.</summary>
    public OptimizationLevel Optimization { get; init; } = OptimizationLevel.Release;

    /// <summary>
    /// Gets the cache root. <see langword="null"/> uses <c>RELAXNATIVE_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/relaxnative</c>, else <c>~/.cache/relaxnative</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>
    /// Gets a folder of prebuilt libraries (written by <c>relaxnative build</c>) searched before any
    /// compiler is looked for. <see langword="null"/> uses <c>RELAXNATIVE_PREBUILT_DIR</c> when it is set.
    /// </summary>
    public string? PrebuiltDirectory { get; init; }
}
