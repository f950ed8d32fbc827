using System.Diagnostics;

namespace Relaxnative.Build;

/// <summary>The build pipeline: prebuilt lookup, compiler discovery, cache lookup, compile and publish.</summary>
internal sealed class BuildEngine(BuildEnvironment environment)
{
    public static BuildEngine Default { get; } = new(BuildEnvironment.Default);

    public BuildEnvironment Environment { get; } = environment;

    public async Task<BuildOutcome> BuildAsync(string sourcePath, BuildOptions options, bool searchPrebuilt, CancellationToken cancellationToken) =>
        await BuildAsync(sourcePath, options, searchPrebuilt, analyzer: null, cancellationToken).ConfigureAwait(false);

    public async Task<BuildOutcome> BuildAsync(string sourcePath, BuildOptions options, bool searchPrebuilt, DeclarationAnalyzer? analyzer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sourcePath);
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var inputs = BuildInputs.Create(sourcePath, options);

        // Prebuilt libraries come first and never touch a compiler: the machine may not have one.
        if (searchPrebuilt && PrebuiltStore.Folder(options, Environment.GetVariable) is { } prebuiltFolder
            && PrebuiltStore.TryFind(prebuiltFolder, inputs, Environment) is { } prebuilt)
        {
            var result = new CompileResult(prebuilt.LibraryPath, inputs.Language, prebuilt.Key, CacheHit: true, Prebuilt: true,
                stopwatch.Elapsed, CommandLine: null, CompilerPath: null, prebuilt.Manifest.CompilerVersion)
            {
                HeaderCount = prebuilt.Manifest.Headers.Count,
                Exports = prebuilt.Manifest.Exports,
                Declarations = prebuilt.Declarations,
            };
            return new BuildOutcome(result, inputs, prebuilt.Manifest.Headers);
        }

        // The compiler's path and version are part of the key; discovery is cached per process.
        // Without an analyzer the preprocessed units themselves are stored, so a later load can still parse them.
        analyzer ??= PreprocessedArchive.Analyzer;
        var toolchain = Environment.Toolchains.Resolve(inputs.Language, options.Compiler);
        var sourceSetKey = CacheKeys.SourceSet(inputs, toolchain, analyzer.Format, Environment);
        var cache = new BuildCache(CacheRoot.Resolve(options, Environment.GetVariable));

        var entry = cache.TryFind(sourceSetKey, Environment.Schema);
        var declarations = entry is null ? null : BuildCache.ReadDeclarations(entry);
        if (entry is not null && inputs.Language != SourceLanguage.Rust && declarations is null)
        {
            // Built without analysis (or its model is damaged): build again so this entry's successor carries one.
            entry = null;
        }

        var hit = entry is not null;
        var compileElapsed = TimeSpan.Zero;
        if (entry is null)
        {
            (entry, compileElapsed) = await CompileRunner.CompileAsync(inputs, toolchain, sourceSetKey, cache, Environment, analyzer, cancellationToken).ConfigureAwait(false);
            declarations = BuildCache.ReadDeclarations(entry);
        }

        var compileResult = new CompileResult(entry.LibraryPath, inputs.Language, new CacheKey(entry.Manifest.Key), hit, Prebuilt: false,
            stopwatch.Elapsed, entry.Manifest.CommandLine, toolchain.Path, toolchain.Version)
        {
            CompileElapsed = compileElapsed,
            HeaderCount = entry.Manifest.Headers.Count,
            Exports = entry.Manifest.Exports,
            Declarations = declarations,
        };
        return new BuildOutcome(compileResult, inputs, entry.Manifest.Headers);
    }

    public async Task<IReadOnlyList<CompileResult>> BuildPrebuiltAsync(IEnumerable<string> sources, string outputDirectory, BuildOptions options, DeclarationAnalyzer? analyzer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var results = new List<CompileResult>();
        foreach (var source in sources)
        {
            var outcome = await BuildAsync(source, options, searchPrebuilt: false, analyzer, cancellationToken).ConfigureAwait(false);
            results.Add(PrebuiltStore.Write(Path.GetFullPath(outputDirectory), outcome, Environment));
        }

        return results;
    }
}
