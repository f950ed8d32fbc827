using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// What binding costs. Bind parses the declaration, looks up the symbol and validates the plan; stubs are emitted
/// lazily, so binding hundreds of declarations does no JIT work. The first typed call pays for the emitted stub.
/// Baseline: looking the symbol up with NativeLibrary.GetExport. Benchmarks return object: the project BenchmarkDotNet
/// generates sees only this assembly's direct references, not the rooms' types.
/// </summary>
[MemoryDiagnoser]
public class BindCostBenchmarks
{
    private NativeModule _module = null!;
    private nint _handle;

    [GlobalSetup]
    public void Setup()
    {
        string path = BenchLibrary.Build("calls.c");
        _module = Native.Open(path);
        _handle = NativeLibrary.Load(path);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _module.Dispose();
        NativeLibrary.Free(_handle);
    }

    [Benchmark(Baseline = true)]
    public nint GetExport() => NativeLibrary.GetExport(_handle, "add");

    [Benchmark]
    public object Bind() => _module.Bind("int add(int a, int b)");

    [Benchmark]
    public int Bind_FirstTypedCall() => _module.Bind("int add(int a, int b)").AsDelegate<Func<int, int, int>>()(1, 2);

    [Benchmark]
    public object? Bind_FirstUntypedCall() => _module.Bind("int add(int a, int b)").Invoke(1, 2);
}
