using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// The warm path for <c>examples/add.c</c>, in process: <see cref="NativeBuilder.Build"/> on a cache hit (hash the
/// source, list one folder, read one manifest, re-hash the recorded headers, probe the shadow paths; no process is
/// started), alone and followed by <see cref="NativeLibrary.Load(string)"/> and <see cref="NativeLibrary.Free"/>, which
/// approximates a warm <c>Native.Load</c> before binding. The baseline is the bare <c>dlopen</c>/<c>dlclose</c> of the
/// same cached library. Target: warm Build at most 5 ms.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WarmLoadBenchmarks
{
    private string _source = "";
    private string _root = "";
    private string _libraryPath = "";
    private BuildOptions _options = BuildOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        _source = ExampleSources.PathOf("add.c");
        _root = Directory.CreateTempSubdirectory("relaxnative-bench-warm-").FullName;
        _options = new BuildOptions { CacheDirectory = Path.Combine(_root, "cache") };
        _libraryPath = NativeBuilder.Build(_source, _options).LibraryPath;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true), BenchmarkCategory("Warm")]
    public void NativeLibrary_LoadFree() => NativeLibrary.Free(NativeLibrary.Load(_libraryPath));

    // Returns the library path, not the CompileResult: see LoadBenchmarks.NativeBuilder_Build_Cold.
    [Benchmark, BenchmarkCategory("Warm")]
    public string NativeBuilder_Build_Warm()
    {
        var result = NativeBuilder.Build(_source, _options);
        return result.CacheHit ? result.LibraryPath : throw new InvalidOperationException("A warm build missed the cache.");
    }

    [Benchmark, BenchmarkCategory("Warm")]
    public void NativeBuilder_Build_Warm_LoadFree()
    {
        var result = NativeBuilder.Build(_source, _options);
        NativeLibrary.Free(NativeLibrary.Load(result.LibraryPath));
    }
}
