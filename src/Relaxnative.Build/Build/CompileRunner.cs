using System.ComponentModel;
using System.Diagnostics;

namespace Relaxnative.Build;

/// <summary>Runs a <see cref="CompilePlan"/> in a private work folder and publishes the result to the cache.</summary>
internal static class CompileRunner
{
    /// <exception cref="NativeBuildException">The compiler failed; the work folder is deleted, nothing is cached.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the compiler's process tree is killed and nothing is cached.</exception>
    public static async Task<(CacheEntry Entry, TimeSpan CompileElapsed)> CompileAsync(
        BuildInputs inputs, Toolchain toolchain, string sourceSetKey, BuildCache cache, BuildEnvironment environment,
        DeclarationAnalyzer? analyzer, CancellationToken cancellationToken)
    {
        var work = cache.CreateWorkFolder();
        try
        {
            var plan = CompilePlan.Create(inputs, toolchain, work);
            var startedUtc = DateTime.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            // Preprocessing runs beside the compiles (it is short and mostly fills the cores' idle time); a compile
            // error is reported first, since it explains a preprocess failure too.
            using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var preprocess = analyzer is null || plan.Preprocess.Count == 0 ? Task.FromResult<IReadOnlyList<PreprocessedUnit>>([]) : PreprocessAsync(inputs.SourcePath, plan.Preprocess, work, failed.Token);
            try
            {
                await RunParallelAsync(inputs.SourcePath, plan.Compiles, work, cancellationToken).ConfigureAwait(false);
                if (plan.Link is { } link)
                {
                    await RunStepAsync(inputs.SourcePath, link, work, cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                await failed.CancelAsync().ConfigureAwait(false);
                await preprocess.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }

            var units = await preprocess.ConfigureAwait(false);
            var compileElapsed = stopwatch.Elapsed;
            if (!File.Exists(plan.LibraryPath))
            {
                throw BuildErrors.NoLibraryProduced(inputs.SourcePath, plan.CommandLine, plan.LibraryPath, "");
            }

            var exports = ExportTables.Read(plan.LibraryPath);
            var declarations = analyzer is null || inputs.Language == SourceLanguage.Rust ? null : analyzer.Analyze(units);
            if (declarations is not null)
            {
                PrivateFiles.WriteFile(Path.Combine(work, BuildCache.DeclarationsFileName), declarations);
            }

            var headers = ReadHeaders(plan, inputs, work);
            var stable = IsStable(inputs, headers, startedUtc);
            foreach (var file in Directory.EnumerateFiles(work).Where(f => f != plan.LibraryPath && Path.GetFileName(f) != BuildCache.DeclarationsFileName))
            {
                File.Delete(file); // depfiles, objects, preprocessed text; the entry keeps the library, its declarations and manifest
            }

            PrivateFiles.MakeLibraryPrivate(plan.LibraryPath);

            var manifest = new BuildManifest
            {
                Schema = environment.Schema,
                Key = CacheKeys.WithHeaders(sourceSetKey, headers).Hex,
                SourceSetKey = sourceSetKey,
                Stable = stable,
                Language = inputs.Language.ToString(),
                Library = Path.GetFileName(plan.LibraryPath),
                LibrarySha256 = KeyHasher.HashFile(plan.LibraryPath),
                // Taken after the chmod (which changes the change time) and kept by the rename into entries/.
                LibraryIdentity = FileStatus.Of(plan.LibraryPath, followLinks: false).Identity,
                Platform = environment.Platform,
                CompilerPath = toolchain.Path,
                CompilerVersion = toolchain.Version,
                CommandLine = plan.CommandLine,
                CreatedUtc = startedUtc,
                CompileMilliseconds = compileElapsed.TotalMilliseconds,
                Sources = inputs.SourceHashes,
                Headers = headers,
                ShadowPaths = ShadowProbes.Compute(inputs, headers),
                Exports = exports,
                Declarations = declarations is null ? null : BuildCache.DeclarationsFileName,
                DeclarationsSha256 = declarations is null ? null : KeyHasher.HashBytes(declarations),
            };
            return (cache.Publish(work, manifest), compileElapsed);
        }
        catch
        {
            // A failed or cancelled build leaves nothing behind (after a successful publish the folder is gone already).
            PrivateFiles.DeleteQuietly(work);
            throw;
        }
    }

    /// <summary>Runs independent compiles at most one per core, like <c>make -j</c>; the first failure cancels the rest.</summary>
    private static async Task RunParallelAsync(string sourcePath, IReadOnlyList<CompileStep> steps, string work, CancellationToken cancellationToken)
    {
        if (steps.Count == 1)
        {
            await RunStepAsync(sourcePath, steps[0], work, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(steps, parallel, (step, token) => new ValueTask(RunStepAsync(sourcePath, step, work, token))).ConfigureAwait(false);
    }

    /// <summary>Runs every preprocess command concurrently and reads what each wrote.</summary>
    public static async Task<IReadOnlyList<PreprocessedUnit>> PreprocessAsync(string sourcePath, IReadOnlyList<PreprocessStep> steps, string work, CancellationToken cancellationToken)
    {
        var units = new PreprocessedUnit[steps.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, steps.Count), cancellationToken, async (i, token) =>
        {
            var step = steps[i];
            await RunStepAsync(sourcePath, step.Step, work, token).ConfigureAwait(false);
            units[i] = new PreprocessedUnit(step.SourcePath, step.Language, await File.ReadAllTextAsync(step.OutputPath, token).ConfigureAwait(false)) { Probe = step.Probe };
        }).ConfigureAwait(false);
        return units;
    }

    private static async Task RunStepAsync(string sourcePath, CompileStep step, string work, CancellationToken cancellationToken)
    {
        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync(step.FileName, step.Arguments, work, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw BuildErrors.CompilerDidNotStart(sourcePath, step.CommandLine, e);
        }

        if (outcome.ExitCode != 0)
        {
            throw BuildErrors.CompileFailed(sourcePath, step.CommandLine, outcome, DiagnosticParser.Parse(outcome.CombinedOutput));
        }
    }

    /// <summary>The files the compiler read besides the sources, from its dependency files, sorted and hashed.</summary>
    private static List<FileHash> ReadHeaders(CompilePlan plan, BuildInputs inputs, string work)
    {
        var sources = new HashSet<string>(inputs.AllSources, StringComparer.Ordinal);
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var depFile in plan.DependencyFiles.Where(File.Exists))
        {
            foreach (var dependency in DepFileParser.Parse(File.ReadAllText(depFile)))
            {
                // Relative entries are relative to the compiler's working directory, the work folder.
                var full = Path.GetFullPath(dependency, work);
                if (!sources.Contains(full) && full != plan.LibraryPath && !full.StartsWith(work, StringComparison.Ordinal))
                {
                    paths.Add(full);
                }
            }
        }

        // A header deleted since the compile read it hashes as empty: the entry can then never match.
        return [.. paths.Select(p => new FileHash(p, KeyHasher.TryHashFile(p) ?? ""))];
    }

    /// <summary>
    /// An input that changed while the compiler ran makes the result's content uncertain: the sources must
    /// still hash as they did before the compile, and no header may have been written since it started.
    /// </summary>
    private static bool IsStable(BuildInputs inputs, List<FileHash> headers, DateTime startedUtc) =>
        inputs.SourceHashes.All(s => KeyHasher.TryHashFile(s.Path) == s.Sha256)
        && headers.All(h => h.Sha256.Length > 0 && File.GetLastWriteTimeUtc(h.Path) < startedUtc);
}
