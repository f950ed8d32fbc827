using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// The cold path for <c>examples/add.c</c>: <see cref="NativeBuilder.Build"/> with an empty cache against the bare
/// compiler command it wraps (<c>cc -O2 -fPIC -shared -o lib.so add.c</c>, started the same way, without a shell).
/// The difference is Relaxnative's cold overhead: compiler discovery is per process and happens in warm-up, so what
/// remains is hashing, the dependency file (<c>-MD -MF</c>), reading it back, the manifest and the atomic rename.
/// Each invocation is a whole compile (tens of milliseconds), so one invocation per iteration, each with a fresh
/// cache root made in <see cref="IterationSetup"/>. The warm path is in <see cref="WarmLoadBenchmarks"/>.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 30, invocationCount: 1)]
public class LoadBenchmarks
{
    private string _source = "";
    private string _root = "";
    private string _baselineOutput = "";
    private BuildOptions _options = BuildOptions.Default;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _source = ExampleSources.PathOf("add.c");
        _root = Directory.CreateTempSubdirectory("relaxnative-bench-cold-").FullName;
        _baselineOutput = Path.Combine(_root, "libadd.so");
    }

    [IterationSetup]
    public void FreshCache() =>
        _options = new BuildOptions { CacheDirectory = Path.Combine(_root, $"cache-{_iteration++}") };

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Cold")]
    public int Cc_Compile()
    {
        var info = new ProcessStartInfo("cc") { UseShellExecute = false, WorkingDirectory = _root };
        foreach (var argument in new[] { "-O2", "-fPIC", "-shared", "-o", _baselineOutput, _source })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException($"cc exited with {process.ExitCode}.");
    }

    // Returns the library path rather than the CompileResult: BenchmarkDotNet's generated project sees only this
    // assembly (references are not transitive here), so benchmark signatures use framework types.
    [Benchmark, BenchmarkCategory("Cold")]
    public string NativeBuilder_Build_Cold()
    {
        var result = NativeBuilder.Build(_source, _options);
        return result.CacheHit ? throw new InvalidOperationException("A cold build hit the cache.") : result.LibraryPath;
    }
}
