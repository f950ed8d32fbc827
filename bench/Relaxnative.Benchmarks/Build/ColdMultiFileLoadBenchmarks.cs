using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// A cold <see cref="Native.Load(string, LoadOptions?)"/> in process of eight generated C files (400 functions each;
/// the first is the main source, the other seven <see cref="BuildOptions.Sources"/>), with a fresh cache folder per
/// iteration: compile, preprocess, parse, store, load, bind, dispose. The baseline is the bare compile of the same
/// files (<c>cc -O2 -fPIC -shared -o lib.so *.c</c>, one process); the second reference is what <c>make -j2</c> does
/// (<c>cc -O2 -fPIC -c</c> per file, two at a time, then one link). Target: the cold load at most 1.2× the baseline.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
// Job from the command line (see bench/results/2026-11-30-load.md): one invocation per iteration, each on a fresh cache.
public class ColdMultiFileLoadBenchmarks
{
    private const int FileCount = 8;
    private const int FunctionsPerFile = 400;

    private string _root = "";
    private string[] _sources = [];
    private LoadOptions _options = new();
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("relaxnative-bench-cold-multi-").FullName;
        _sources = Enumerable.Range(0, FileCount)
            .Select(file => GeneratedSources.WriteFunctions(Path.Combine(_root, $"unit{file}.c"), $"u{file}", FunctionsPerFile))
            .ToArray();
    }

    [IterationSetup]
    public void FreshCache() =>
        _options = new LoadOptions
        {
            Isolation = IsolationMode.InProcess,
            Build = new BuildOptions { CacheDirectory = Path.Combine(_root, $"cache-{_iteration++}"), Sources = _sources[1..] },
        };

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Cold")]
    public int Cc_SharedAllFiles() =>
        RunCc(["-O2", "-fPIC", "-shared", "-o", Path.Combine(_root, "libbare.so"), .. _sources]);

    [Benchmark, BenchmarkCategory("Cold")]
    public int MakeJ2_CompileEachThenLink()
    {
        var objects = _sources.Select(source => Path.ChangeExtension(source, ".o")).ToArray();
        Parallel.For(0, _sources.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            file => RunCc(["-O2", "-fPIC", "-c", "-o", objects[file], _sources[file]]));
        return RunCc(["-shared", "-o", Path.Combine(_root, "libmake.so"), .. objects]);
    }

    [Benchmark, BenchmarkCategory("Cold")]
    public int Native_Load_Cold_Dispose()
    {
        using var module = Native.Load(_sources[0], _options);
        return module.Skipped.Count;
    }

    private int RunCc(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("cc") { UseShellExecute = false, WorkingDirectory = _root };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"cc exited with {process.ExitCode}.");
    }
}
