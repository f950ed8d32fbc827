namespace Relaxnative.Build;

/// <summary>The outcome of a successful build: where the shared library is and how it was obtained.</summary>
/// <param name="LibraryPath">The absolute path of the shared library. It lives in the cache (or the prebuilt folder) and must not be modified.</param>
/// <param name="Language">The source language.</param>
/// <param name="Key">The cache key of the build (for a prebuilt library, its source key).</param>
/// <param name="CacheHit"><see langword="true"/> when an existing build was reused and no compiler ran.</param>
/// <param name="Prebuilt"><see langword="true"/> when the library came from a prebuilt folder; no compiler was looked for.</param>
/// <param name="Elapsed">Wall-clock time of the whole call, including hashing, cache lookup and compiling.</param>
/// <param name="CommandLine">The compiler command(s) run, joined by <c> &amp;&amp; </c>; for a cache hit, the command that made the entry; <see langword="null"/> for a prebuilt library.</param>
/// <param name="CompilerPath">The compiler used, or <see langword="null"/> for a prebuilt library.</param>
/// <param name="CompilerVersion">The first line of the compiler's <c>--version</c>, or the one recorded in a prebuilt manifest.</param>
internal sealed record CompileResult(
    string LibraryPath,
    SourceLanguage Language,
    CacheKey Key,
    bool CacheHit,
    bool Prebuilt,
    TimeSpan Elapsed,
    string? CommandLine,
    string? CompilerPath,
    string? CompilerVersion)
{
    /// <summary>Gets the time spent in the compiler itself; <see cref="TimeSpan.Zero"/> for a cache hit or prebuilt library.</summary>
    public TimeSpan CompileElapsed { get; init; }

    /// <summary>Gets the number of headers (or Rust modules) the compile read, as recorded in the cache manifest.</summary>
    public int HeaderCount { get; init; }

    /// <summary>Gets the library's export table as recorded when it was built, or <see langword="null"/> when unknown (a format not read, or a prebuilt manifest without one).</summary>
    internal ExportTable? Exports { get; init; }

    /// <summary>Gets the serialized declaration model stored with the build, or <see langword="null"/> when none was stored (Rust, or built without an analyzer).</summary>
    internal byte[]? Declarations { get; init; }
}
