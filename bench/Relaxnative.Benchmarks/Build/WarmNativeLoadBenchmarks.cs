using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// A whole warm <see cref="Native.Load(string, LoadOptions?)"/> in process (cache hit: manifest, stored declaration
/// model, export table, binding every function) and the module's disposal, for generated sources of 1,000, 10,000
/// and 50,000 trivial functions. The baseline is <see cref="NativeLibrary.Load(string)"/> and
/// <see cref="NativeLibrary.Free"/> of the same cached library, the floor of any load. Per-function cost is the mean
/// divided by <see cref="Functions"/>; it should stay flat across the three sizes. Target: 1,000 functions under 5 ms.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
// Job from the command line (see bench/results/2026-11-30-load.md): --inProcess --warmupCount 2 --iterationCount 8.
public class WarmNativeLoadBenchmarks
{
    private string _source = "";
    private string _libraryPath = "";
    private LoadOptions _options = new();

    /// <summary>How many functions the generated source exports.</summary>
    [Params(1_000, 10_000, 50_000)]
    public int Functions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One folder per size that outlives the run: BenchmarkDotNet calls GlobalSetup once per method, and the cold
        // compile of 50,000 functions is far longer than the benchmark itself.
        var root = Path.Combine(Path.GetTempPath(), "relaxnative-bench-warm-native-load", Functions.ToString());
        Directory.CreateDirectory(root);
        _source = GeneratedSources.WriteFunctions(Path.Combine(root, $"fns{Functions}.c"), "fn", Functions);
        _options = new LoadOptions
        {
            Isolation = IsolationMode.InProcess,
            // -O0: the optimiser only lengthens the one cold compile; the warm path never runs the compiler.
            Build = new BuildOptions { CacheDirectory = Path.Combine(root, "cache"), Optimization = OptimizationLevel.Debug },
        };
        using var module = Native.Load(_source, _options);
        _libraryPath = module.LibraryPath;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Warm")]
    public void NativeLibrary_LoadFree() => NativeLibrary.Free(NativeLibrary.Load(_libraryPath));

    [Benchmark, BenchmarkCategory("Warm")]
    public int Native_Load_Warm_Dispose()
    {
        using var module = Native.Load(_source, _options);
        return module.Skipped.Count;
    }
}
