using BenchmarkDotNet.Attributes;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Diagnostics;

/// <summary>
/// What observability costs a call when nobody listens (no RELAXNATIVE_TRACE, no meter listener, no logger):
/// add(int, int) in the helper process through a module loaded by the facade, which counts calls for the
/// <c>Relaxnative</c> meter and traces dispatches, beside the same call through a bare dispatcher with neither.
/// In-process and worker calls have no observability code on their path at all.
/// </summary>
[MemoryDiagnoser]
public class ObservabilityOffBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;
    private NativeModule _module = null!;
    private ProcessDispatcher _dispatcher = null!;
    private NativeFunction _observed = null!;
    private NativeFunction _bare = null!;

    [GlobalSetup]
    public void Setup()
    {
        string library = BenchLibrary.Build("calls.c");
        _module = Native.Load(library, new LoadOptions { Isolation = IsolationMode.Process, Declarations = ["int add(int a, int b)"] });
        _observed = _module["add"];
        _dispatcher = ProcessDispatcher.Start(library);
        _bare = _dispatcher.CreateFunction(CDeclarationParser.Parse("int add(int a, int b)"));
        _observed.Invoke(s_one, s_two); // start both helpers outside the measurement
        _bare.Invoke(s_one, s_two);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Process_Add_BareDispatcher() => (int)_bare.Invoke(s_one, s_two)!;

    [Benchmark]
    public int Process_Add_FacadeObservabilityOff() => (int)_observed.Invoke(s_one, s_two)!;
}
