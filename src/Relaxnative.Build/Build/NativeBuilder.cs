namespace Relaxnative.Build;

/// <summary>
/// Compiles C, C++ and Rust sources into shared libraries through the content-hash cache. Returns paths;
/// loads nothing. All members are thread-safe and may be called from several processes at once.
/// </summary>
internal static class NativeBuilder
{
    /// <summary>
    /// Returns a shared library built from <paramref name="sourcePath"/>: a prebuilt one whose key matches
    /// (no compiler needed), else a cache entry whose inputs all still match, else a fresh compile that is
    /// published to the cache. The warm path (cache hit) starts no process after the first call.
    /// </summary>
    /// <param name="sourcePath">A <c>.c</c>, <c>.cpp</c>/<c>.cc</c>/<c>.cxx</c> or <c>.rs</c> file; relative paths use the current directory.</param>
    /// <param name="options">Build options; <see langword="null"/> uses <see cref="BuildOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels a compile: the compiler's process tree is killed and nothing is cached.</param>
    /// <returns>Where the library is, its key, and whether it was a cache hit or prebuilt.</returns>
    /// <exception cref="ArgumentException">The extension is not a known source language.</exception>
    /// <exception cref="FileNotFoundException">A source file does not exist.</exception>
    /// <exception cref="NativeToolchainException">No working compiler was found for the language.</exception>
    /// <exception cref="NativeBuildException">The compiler failed.</exception>
    /// <exception cref="IOException">The cache root is not writable; the root or its <c>entries/</c> folder is owned by
    /// another user, writable by group or others, or (<c>entries/</c>) a link; an entry is still damaged after it was
    /// evicted and rebuilt once; or a matching prebuilt manifest names its library by a path or the library does not
    /// hash as recorded. Damaged entries found on a lookup are evicted and rebuilt without an exception.</exception>
    public static CompileResult Build(string sourcePath, BuildOptions? options = null, CancellationToken cancellationToken = default) =>
        // The warm path completes synchronously; only a compile actually waits, on the thread pool.
        BuildAsync(sourcePath, options, cancellationToken).GetAwaiter().GetResult();

    /// <inheritdoc cref="Build(string, BuildOptions?, CancellationToken)"/>
    public static async Task<CompileResult> BuildAsync(string sourcePath, BuildOptions? options = null, CancellationToken cancellationToken = default) =>
        (await BuildEngine.Default.BuildAsync(sourcePath, options ?? BuildOptions.Default, searchPrebuilt: true, cancellationToken).ConfigureAwait(false)).Result;

    /// <summary>
    /// Builds each source into its own library and writes it, with a manifest, into
    /// <paramref name="outputDirectory"/> so that <see cref="Build(string, BuildOptions?, CancellationToken)"/> with
    /// <see cref="BuildOptions.PrebuiltDirectory"/> (or <c>RELAXNATIVE_PREBUILT_DIR</c>) finds it later without a compiler.
    /// </summary>
    /// <param name="sources">The main sources; each gets the extra sources and every other option of <paramref name="options"/>.</param>
    /// <param name="outputDirectory">The folder to write into; created when missing; existing libraries with the same key are replaced.</param>
    /// <param name="options">Build options; <see langword="null"/> uses <see cref="BuildOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels the current compile.</param>
    /// <returns>One result per source, with <see cref="CompileResult.LibraryPath"/> in <paramref name="outputDirectory"/>.</returns>
    /// <exception cref="NativeToolchainException">No working compiler was found.</exception>
    /// <exception cref="NativeBuildException">The compiler failed.</exception>
    public static IReadOnlyList<CompileResult> BuildPrebuilt(IEnumerable<string> sources, string outputDirectory, BuildOptions? options = null, CancellationToken cancellationToken = default) =>
        BuildPrebuilt(sources, outputDirectory, options, analyzer: null, cancellationToken);

    /// <summary>As <see cref="BuildPrebuilt(IEnumerable{string}, string, BuildOptions?, CancellationToken)"/>, storing each library's declaration model beside it.</summary>
    internal static IReadOnlyList<CompileResult> BuildPrebuilt(IEnumerable<string> sources, string outputDirectory, BuildOptions? options, DeclarationAnalyzer? analyzer, CancellationToken cancellationToken = default) =>
        BuildEngine.Default.BuildPrebuiltAsync(sources, outputDirectory, options ?? BuildOptions.Default, analyzer, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// As <see cref="Build(string, BuildOptions?, CancellationToken)"/>, and stores what <paramref name="analyzer"/> makes of the preprocessed translation units in
    /// the cache entry: <see cref="CompileResult.Declarations"/> and <see cref="CompileResult.Exports"/> then come back
    /// from every later hit without preprocessing. An entry made without analysis is rebuilt once.
    /// </summary>
    internal static CompileResult Build(string sourcePath, BuildOptions? options, DeclarationAnalyzer analyzer, CancellationToken cancellationToken) =>
        BuildEngine.Default.BuildAsync(sourcePath, options ?? BuildOptions.Default, searchPrebuilt: true, analyzer, cancellationToken).GetAwaiter().GetResult().Result;

    /// <summary>Returns the absolute cache root for these options (the option, <c>RELAXNATIVE_CACHE_DIR</c>, <c>$XDG_CACHE_HOME/relaxnative</c> or <c>~/.cache/relaxnative</c>).</summary>
    /// <param name="options">Build options; <see langword="null"/> uses the defaults.</param>
    /// <returns>The cache root; it may not exist yet.</returns>
    public static string GetCacheRoot(BuildOptions? options = null) =>
        CacheRoot.Resolve(options ?? BuildOptions.Default, Environment.GetEnvironmentVariable);

    /// <summary>Probes every compiler candidate of every language (a few process launches) for diagnostics.</summary>
    /// <returns>Every candidate tried per language and the one chosen.</returns>
    public static ToolchainReport GetToolchainReport() => ToolchainLocator.Default.Report();

    /// <summary>What <paramref name="analyzer"/> learns from the headers of an already built library, cached (see <see cref="HeaderPreprocessor.AnalyzeAsync"/>).</summary>
    internal static (byte[] Declarations, bool CacheHit) AnalyzeHeaders(IReadOnlyList<string> headers, BuildOptions options, SourceLanguage language, DeclarationAnalyzer analyzer, CancellationToken cancellationToken = default) =>
        HeaderPreprocessor.AnalyzeAsync(headers, options, language, analyzer, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Preprocesses the given sources with the flags a build with <paramref name="options"/> would use, without compiling them (for entries that carry no declaration model).</summary>
    internal static IReadOnlyList<PreprocessedUnit> PreprocessSources(IReadOnlyList<string> sources, BuildOptions options, CancellationToken cancellationToken = default) =>
        HeaderPreprocessor.PreprocessSourcesAsync(sources, options, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Reads the export table of a shared library in process (ELF today), or <see langword="null"/> for formats not read.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file's tables are damaged.</exception>
    internal static ExportTable? ReadExports(string libraryPath) => ExportTables.Read(libraryPath);

    /// <summary>The preprocessed units a build without an analyzer stored in <see cref="CompileResult.Declarations"/>, or <see langword="null"/> when the bytes are something else.</summary>
    internal static IReadOnlyList<PreprocessedUnit>? TryReadPreprocessed(byte[] declarations) => PreprocessedArchive.TryRead(declarations);

    /// <summary>
    /// The layout probe for units of <paramref name="build"/> read back from storage: its compiler with the flags of
    /// <paramref name="options"/>; <see langword="null"/> for a prebuilt library (no compiler is looked for).
    /// </summary>
    internal static LayoutProbe? ProbeFor(CompileResult build, BuildOptions options) =>
        build.Prebuilt || build.CompilerPath is null ? null : new LayoutProbe(build.CompilerPath, CompilePlan.CommonFlags(options, options.IncludePaths.Select(Path.GetFullPath)));
}
