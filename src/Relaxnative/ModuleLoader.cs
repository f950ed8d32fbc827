using System.Collections.Concurrent;
using System.Diagnostics;
using Relaxnative.Binding;
using Relaxnative.Build;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;
using Trace = Relaxnative.Diagnostics.Trace;
using Relaxnative.Diagnostics;

namespace Relaxnative;

/// <summary>
/// The composition behind <see cref="Native.Load"/>: Build (compile or cache) → Signatures (scan the sources) →
/// Binding (open, bind) → Isolation. It owns no room logic; it decides modes and collects what was skipped.
/// </summary>
internal static class ModuleLoader
{
    private static readonly string[] s_libraryExtensions = [".so", ".dylib", ".dll"];
    private static readonly ConcurrentDictionary<string, bool> s_compilersTraced = new();

    internal static NativeModule Load(string sourcePath, LoadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentNullException.ThrowIfNull(options);
        string fullPath = Path.GetFullPath(sourcePath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException(
                $"Cannot load '{sourcePath}': no such file (looked at '{fullPath}'). Paths are relative to the current directory '{Environment.CurrentDirectory}'.",
                fullPath);
        }

        using var activity = Trace.Activities.StartActivity("relaxnative.load");
        activity?.SetTag("source", fullPath);
        var clock = Stopwatch.StartNew();
        bool isLibrary = s_libraryExtensions.Contains(Path.GetExtension(fullPath), StringComparer.OrdinalIgnoreCase);

        string libraryPath;
        Reconciliation reconciliation;
        StoredDeclarations? declarations = null;
        NativeBuildInfo? buildInfo = null;
        if (isLibrary)
        {
            libraryPath = fullPath;
            reconciliation = new Reconciliation(
                [.. options.Declarations.Select(d => new BindCandidate(CDeclarationParser.Parse(d), CDeclarationParser.Parse(d).Name, FunctionAnnotations.None, CSourceLocation.None))],
                [],
                0);
        }
        else
        {
            var language = SourceLanguages.FromPath(fullPath);
            var build = NativeBuilder.Build(fullPath, options.Build, SourceAnalysis.Analyzer, cancellationToken);
            TraceBuild(fullPath, build);
            buildInfo = new NativeBuildInfo(build.CacheHit, build.Prebuilt, build.CompileElapsed, build.Elapsed, build.Key.Hex, build.CompilerPath, build.CompilerVersion);
            libraryPath = build.LibraryPath;
            var exports = build.Exports ?? NativeBuilder.ReadExports(libraryPath);
            if (language == SourceLanguage.Rust)
            {
                reconciliation = ExportReconciler.ReconcileRust(exports, SourceScanner.ScanRust(File.ReadAllText(fullPath)));
            }
            else
            {
                // An entry made without analysis (by NativeBuilder directly) has no model: preprocess without compiling.
                declarations = DeclarationsOf(build, fullPath, options.Build, cancellationToken);
                reconciliation = ExportReconciler.Reconcile(exports, declarations, options.Build.Flags, listUnexportedDefinitions: true);
            }
        }

        var skipped = new List<SkippedFunction>(reconciliation.Skipped);
        var module = options.Isolation == IsolationMode.Process
            ? new NativeModule(StartHelper(libraryPath, options), isLibrary ? null : fullPath, skipped)
            : new NativeModule(NativeLibraryHandle.Open(libraryPath), isLibrary ? null : fullPath, options.Isolation, skipped);
        try
        {
            module.SetDeclarations(declarations?.Model, reconciliation.ExportedCount, declarations?.Layouts);
            if (buildInfo is not null)
            {
                module.SetBuild(buildInfo);
            }

            foreach (var candidate in reconciliation.Candidates)
            {
                var signature = candidate.Signature;
                if (isLibrary && CallPlanner.FindProblems(signature) is { Count: > 0 } problems)
                {
                    skipped.Add(new SkippedFunction(signature.Name, string.Join(" ", problems)));
                    continue;
                }

                if (candidate.Annotations.Frees is { } frees && options.Isolation == IsolationMode.Process)
                {
                    skipped.Add(new SkippedFunction(signature.Name,
                        $"It is annotated @frees({frees}), and owned results cannot cross from the helper process; load with IsolationMode.Worker or InProcess to call it."));
                    continue;
                }

                var mode = ModeOf(signature.Name, candidate.Annotations.Mode, options);
                var bindOptions = new BindOptions
                {
                    Mode = mode, Cost = candidate.Annotations.Cost, Trivial = candidate.Annotations.IsTrivial,
                    Bounds = candidate.Annotations.Bounds.Count == 0 ? [] : [.. candidate.Annotations.Bounds.Select(b => new BoundsPair(b.Buffer, b.Count))],
                    Frees = candidate.Annotations.Frees,
                };
                if (!module.TryBindExport(signature, candidate.Symbol, bindOptions))
                {
                    if (isLibrary)
                    {
                        throw new NativeBindingException(signature.Name, [BindingErrors.SymbolNotFound(signature.Name, libraryPath)]);
                    }

                    // The export table said it exists; the loader disagrees (a damaged or replaced file).
                    skipped.Add(new SkippedFunction(signature.Name, $"The export table lists '{candidate.Symbol}', but the loader cannot find it in '{libraryPath}'. Rebuild the library (clear the cache entry)."));
                }
            }
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            module.Dispose();
            throw;
        }

        module.SetSkipped(skipped);
        double elapsed = clock.Elapsed.TotalMilliseconds;
        RelaxnativeMetrics.Load(options.Isolation);
        activity?.SetTag("relaxnative.isolation", RelaxnativeMetrics.IsolationTag(options.Isolation));
        activity?.SetTag("relaxnative.library", libraryPath);
        activity?.SetTag("relaxnative.functions", module.Functions.Count);
        activity?.SetTag("relaxnative.skipped", skipped.Count);
        if (Trace.Enabled)
        {
            // Guarded here, not only inside Write: the fields (boxed values in a span) are built before the call.
            Trace.Write("bind", ("library", libraryPath), ("functions", module.Functions.Count), ("skipped", skipped.Count));
            Trace.Write("load", ("source", fullPath), ("isolation", options.Isolation), ("ms", elapsed));
        }
        RelaxnativeEventSource.Log.Bind(libraryPath, module.Functions.Count);
        RelaxnativeEventSource.Log.Load(fullPath, libraryPath, module.Functions.Count, skipped.Count, elapsed);
        return module;
    }

    /// <summary>The helper process for a process-isolated module (started on the first call), with tracing attached.</summary>
    private static ProcessDispatcher StartHelper(string libraryPath, LoadOptions options)
    {
        var isolation = options.ProcessIsolation ?? new ProcessIsolationOptions();
        if (options.CallTimeout is not null)
        {
            isolation = isolation with { CallTimeout = options.CallTimeout };
        }

        var process = ProcessDispatcher.Start(libraryPath, isolation);
        process.HelperStarted += (_, e) =>
        {
            RelaxnativeMetrics.HelperStarted();
            Trace.Write("helper-start", ("library", libraryPath), ("pid", e.ProcessId));
            RelaxnativeEventSource.Log.HelperStart(libraryPath, e.ProcessId);
        };
        process.HelperExited += (_, e) =>
        {
            string reason = e.Signal ?? "exit " + e.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // A crash is a signal other than the kill a timeout or Dispose sends, or an exit the helper chose itself.
            RelaxnativeMetrics.HelperExited(crashed: e.Signal is not (null or "SIGKILL") || (e.Signal is null && e.ExitCode != 0));
            Trace.Write("helper-exit", ("library", libraryPath), ("pid", e.ProcessId), ("reason", reason));
            RelaxnativeEventSource.Log.HelperExit(libraryPath, e.ProcessId, reason);
        };
        // Subscribed only when someone listens at load time: the dispatcher allocates its event arguments only for a
        // subscriber, so with tracing and metrics off a call costs nothing extra (ObservabilityOffBenchmarks).
        bool traceDispatch = Trace.DispatchEnabled;
        if (traceDispatch || RelaxnativeMetrics.CallsEnabled)
        {
            process.CallDispatched += (_, e) =>
            {
                if (RelaxnativeMetrics.CallsEnabled)
                {
                    RelaxnativeMetrics.Call(IsolationMode.Process);
                }

                if (traceDispatch)
                {
                    Trace.Write("dispatch", ("function", e.Function.Name), ("isolation", "process"));
                    RelaxnativeEventSource.Log.Dispatch(e.Function.Name, "process");
                }
            };
        }

        return process;
    }

    /// <summary>A function's mode: <see cref="LoadOptions.FunctionModes"/>, then its annotation, then <see cref="LoadOptions.DefaultMode"/>, then Sync.</summary>
    internal static ExecutionMode ModeOf(string name, ExecutionMode? annotated, LoadOptions options) =>
        options.FunctionModes is { } modes && modes.TryGetValue(name, out var chosen) ? chosen
        : annotated ?? options.DefaultMode ?? ExecutionMode.Sync;

    /// <summary>
    /// The stored model; else the stored preprocessed units, parsed (a library built without analysis, prebuilt included:
    /// no compiler needed); else, for an entry with neither, the sources preprocessed again without compiling.
    /// </summary>
    private static StoredDeclarations DeclarationsOf(CompileResult build, string source, BuildOptions options, CancellationToken cancellationToken)
    {
        if (build.Declarations is { } stored)
        {
            if (StoredDeclarations.TryDeserialize(stored) is { } model)
            {
                return model;
            }

            if (NativeBuilder.TryReadPreprocessed(stored) is { } units)
            {
                var probe = NativeBuilder.ProbeFor(build, options);
                return SourceAnalysis.Analyze([.. units.Select(u => u with { Probe = probe })]);
            }
        }

        return SourceAnalysis.Analyze(NativeBuilder.PreprocessSources([source, .. options.Sources], options, cancellationToken));
    }

    private static void TraceBuild(string source, CompileResult build)
    {
        if (build.CompilerPath is { } compiler && s_compilersTraced.TryAdd(build.Language + compiler, true))
        {
            if (Trace.Enabled)
            {
                Trace.Write("compiler", ("language", build.Language), ("path", compiler), ("version", build.CompilerVersion));
            }

            RelaxnativeEventSource.Log.CompilerFound(build.Language.ToString(), compiler, build.CompilerVersion ?? "");
        }

        string cache = build.Prebuilt ? "prebuilt" : build.CacheHit ? "hit" : "miss";
        RelaxnativeMetrics.Build(build.CacheHit, build.Prebuilt);
        Activity.Current?.SetTag("relaxnative.cache", cache);
        Activity.Current?.SetTag("relaxnative.cache_key", build.Key.Short);
        if (Trace.Enabled)
        {
            Trace.Write("build", ("source", source), ("cache", cache), ("key", build.Key.Short),
                ("compile_ms", build.CompileElapsed.TotalMilliseconds), ("ms", build.Elapsed.TotalMilliseconds), ("library", build.LibraryPath));
        }

        RelaxnativeEventSource.Log.Build(source, build.CacheHit, build.Prebuilt, build.CompileElapsed.TotalMilliseconds, build.Key.Hex);
    }
}
