using BenchmarkDotNet.Attributes;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Isolation;

/// <summary>
/// add(int, int) in the helper process (IsolationMode.Process): one Call frame out, one Result frame back, beside
/// the same untyped call in-process. Target: at most 10 us median.
/// </summary>
[MemoryDiagnoser]
public class ProcessCallBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;
    private NativeModule _module = null!;
    private ProcessDispatcher _dispatcher = null!;
    private NativeFunction _local = null!;
    private NativeFunction _remote = null!;

    [GlobalSetup]
    public void Setup()
    {
        string library = BenchLibrary.Build("calls.c");
        _module = Native.Open(library);
        _local = _module.Bind("int add(int a, int b)");
        _dispatcher = ProcessDispatcher.Start(library);
        _remote = _dispatcher.CreateFunction(CDeclarationParser.Parse("int add(int a, int b)"));
        _remote.Invoke(s_one, s_two); // starts the helper outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int InProcess_Add() => (int)_local.Invoke(s_one, s_two)!;

    [Benchmark]
    public int Process_Add() => (int)_remote.Invoke(s_one, s_two)!;
}
