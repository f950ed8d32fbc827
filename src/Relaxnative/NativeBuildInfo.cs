namespace Relaxnative;

/// <summary>How <see cref="Native.Load(string, LoadOptions?)"/> obtained a module's library: compiled now, found in the cache, or prebuilt.</summary>
/// <param name="CacheHit"><see langword="true"/> when no compiler ran: the library came from the cache or a prebuilt folder.</param>
/// <param name="Prebuilt"><see langword="true"/> when the library came from a prebuilt folder (<see cref="BuildOptions.PrebuiltDirectory"/>).</param>
/// <param name="CompileTime">Wall time spent running the compiler (zero on a hit).</param>
/// <param name="BuildTime">Wall time of the whole build step, hit or compile, including the cache lookup.</param>
/// <param name="CacheKey">The content key of the build (hex SHA-256 over sources, headers, compiler, flags and options).</param>
/// <param name="CompilerPath">The compiler the key names, or <see langword="null"/> for a prebuilt library.</param>
/// <param name="CompilerVersion">That compiler's version line, or <see langword="null"/> when unknown.</param>
public sealed record NativeBuildInfo(
    bool CacheHit,
    bool Prebuilt,
    TimeSpan CompileTime,
    TimeSpan BuildTime,
    string CacheKey,
    string? CompilerPath,
    string? CompilerVersion);
