using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// What verifying a cache hit costs. A hit compares the library's file identity (one <c>statx</c>) with the one
/// recorded when its bytes were hashed, and hashes the whole library (SHA-256) only when that identity changed. The
/// subject is a 1 MiB library (a C source with 1 MiB of initialised read-only data) against the bare cost of reading
/// the same file (<see cref="File.ReadAllBytes"/>, the baseline); <c>Sha256_File_1MiB</c> is the full hash a hit
/// pays after an identity change, and the warm build of a tiny library shows the rest of the warm path, so
/// <c>Warm_1MiB - Warm_Tiny</c> is what the library's size adds to a hit. Target: under 1 ms for 1 MiB.
/// </summary>
[MemoryDiagnoser]
public class CacheVerificationBenchmarks
{
    private const string PaddedSource =
        "__attribute__((used)) static const unsigned char padding[1 << 20] = { 1 };\n" +
        "int add(int a, int b) { return a + b; }\n";

    private const string TinySource = "int add(int a, int b) { return a + b; }\n";

    private string _root = "";
    private string _paddedSource = "";
    private string _tinySource = "";
    private string _library = "";
    private BuildOptions _options = BuildOptions.Default;

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("relaxnative-bench-verify-").FullName;
        _paddedSource = Path.Combine(_root, "padded.c");
        _tinySource = Path.Combine(_root, "tiny.c");
        File.WriteAllText(_paddedSource, PaddedSource);
        File.WriteAllText(_tinySource, TinySource);
        _options = new BuildOptions { CacheDirectory = Path.Combine(_root, "cache") };
        _library = NativeBuilder.Build(_paddedSource, _options).LibraryPath;
        NativeBuilder.Build(_tinySource, _options);
        var size = new FileInfo(_library).Length;
        if (size < 1 << 20)
        {
            throw new InvalidOperationException($"The padded library is {size} bytes, less than 1 MiB.");
        }

        Console.WriteLine($"// padded library: {size} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public int File_ReadAllBytes_1MiB() => File.ReadAllBytes(_library).Length;

    [Benchmark]
    public byte[] Sha256_File_1MiB()
    {
        using var stream = new FileStream(_library, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1, FileOptions.SequentialScan);
        return SHA256.HashData(stream);
    }

    [Benchmark]
    public string NativeBuilder_Build_Warm_1MiB() => WarmBuild(_paddedSource);

    [Benchmark]
    public string NativeBuilder_Build_Warm_Tiny() => WarmBuild(_tinySource);

    private string WarmBuild(string source)
    {
        var result = NativeBuilder.Build(source, _options);
        return result.CacheHit ? result.LibraryPath : throw new InvalidOperationException("A warm build missed the cache.");
    }
}
