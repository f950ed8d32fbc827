using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// Structs by value: a typed delegate over the caller's own struct (layout-checked at bind time, then the same emitted
/// calli as scalars) against a hand-written <c>delegate* unmanaged</c> with the same struct, for an SSE-class record
/// returned in XMM0 (Vector2), a mixed 16-byte record (INTEGER + SSE), and a 40-byte memory-class record. Untyped Invoke
/// (struct boxed, copied, result as NativeStruct) is reported beside them. Target: typed at most 1.3x the baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class RecordCallBenchmarks
{
    public struct Vector2 { public float X; public float Y; }

    public struct Mixed { public float F; public int I; public double D; }

    public struct Big { public sbyte C; public double D; public int I; public long L0; public long L1; }

    public delegate Vector2 VectorScale(Vector2 v, float k);

    public delegate double MixedSum(Mixed m);

    public delegate long BigSum(Big b);

    private NativeModule _module = null!;
    private delegate* unmanaged<Vector2, float, Vector2> _vectorScale;
    private delegate* unmanaged<Mixed, double> _mixedSum;
    private delegate* unmanaged<Big, long> _bigSum;
    private VectorScale _typedVector = null!;
    private MixedSum _typedMixed = null!;
    private BigSum _typedBig = null!;
    private NativeFunction _untypedMixed = null!;
    private readonly Vector2 _vector = new() { X = 1.5f, Y = 2 };
    private readonly Mixed _mixed = new() { F = 1.5f, I = 2, D = 3 };
    private readonly Big _big = new() { C = 1, D = 2, I = 3, L0 = 4, L1 = 5 };

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Load(BenchLibrary.SourcePath("records.c"), new LoadOptions
        {
            Isolation = IsolationMode.InProcess,
            Build = new BuildOptions { CacheDirectory = Path.Combine(Path.GetTempPath(), "relaxnative-bench") },
        });
        _vectorScale = (delegate* unmanaged<Vector2, float, Vector2>)_module["vector_scale"].Address;
        _mixedSum = (delegate* unmanaged<Mixed, double>)_module["mixed_sum"].Address;
        _bigSum = (delegate* unmanaged<Big, long>)_module["big_sum"].Address;
        _typedVector = _module["vector_scale"].AsDelegate<VectorScale>();
        _typedMixed = _module["mixed_sum"].AsDelegate<MixedSum>();
        _typedBig = _module["big_sum"].AsDelegate<BigSum>();
        _untypedMixed = _module["mixed_sum"];
    }

    [GlobalCleanup]
    public void Cleanup() => _module.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("vector")]
    public float Direct_Vector() => _vectorScale(_vector, 2).Y;

    [Benchmark]
    [BenchmarkCategory("vector")]
    public float Typed_Vector() => _typedVector(_vector, 2).Y;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("mixed")]
    public double Direct_Mixed() => _mixedSum(_mixed);

    [Benchmark]
    [BenchmarkCategory("mixed")]
    public double Typed_Mixed() => _typedMixed(_mixed);

    [Benchmark]
    [BenchmarkCategory("mixed")]
    public object? Untyped_Mixed() => _untypedMixed.Invoke(_mixed);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("big")]
    public long Direct_Big() => _bigSum(_big);

    [Benchmark]
    [BenchmarkCategory("big")]
    public long Typed_Big() => _typedBig(_big);
}
