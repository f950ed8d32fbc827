using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// <see cref="Native.Open"/> of libsqlite3 with <c>sqlite3.h</c> (1,370 exports, 263 bound): with the header model
/// cached (what every open after the first costs) and with an empty cache (preprocess and parse each time). The
/// baseline opens the library with no headers (dlopen and nothing to bind), the floor of any open.
/// </summary>
[MemoryDiagnoser]
public class HeaderOpenBenchmarks
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "relaxnative-bench-header-open-" + Environment.ProcessId);
    private OpenOptions _cached = new();
    private OpenOptions _uncached = new();
    private int _fresh;

    [GlobalSetup]
    public void Setup()
    {
        _cached = new OpenOptions { Headers = ["sqlite3.h"], CacheDirectory = Path.Combine(_root, "cached"), Isolation = IsolationMode.InProcess };
        using var warm = Native.Open("sqlite3", _cached);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [IterationSetup(Target = nameof(Open_Sqlite3Header_Uncached))]
    public void FreshCache() => _uncached = _cached with { CacheDirectory = Path.Combine(_root, "fresh-" + _fresh++) };

    [Benchmark(Baseline = true)]
    public int Open_NoHeaders()
    {
        using var module = Native.Open("sqlite3", new OpenOptions { Isolation = IsolationMode.InProcess });
        return module.Functions.Count;
    }

    [Benchmark]
    public int Open_Sqlite3Header_Cached()
    {
        using var module = Native.Open("sqlite3", _cached);
        return module.Functions.Count;
    }

    [Benchmark]
    public int Open_Sqlite3Header_Uncached()
    {
        using var module = Native.Open("sqlite3", _uncached);
        return module.Functions.Count;
    }
}
