using BenchmarkDotNet.Attributes;
using Relaxnative.Binding;
using Relaxnative.Isolation.Worker;

namespace Relaxnative.Benchmarks.Isolation;

/// <summary>
/// add(int, int) as an Async function through InvokeAsync: queued to a native worker thread and awaited, beside the
/// same InvokeAsync completing in-process on the caller. Target: at most 5 us per round trip.
/// </summary>
[MemoryDiagnoser]
public class WorkerBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;
    private NativeModule _module = null!;
    private WorkerDispatcher _dispatcher = null!;
    private NativeFunction _local = null!;
    private NativeFunction _worker = null!;
    private object?[] _args = null!;

    [GlobalSetup]
    public void Setup()
    {
        string library = BenchLibrary.Build("calls.c");
        _module = Native.Open(library);
        _local = _module.Bind("int add(int a, int b)");
        _dispatcher = new WorkerDispatcher(threadCount: Environment.ProcessorCount);
        _worker = _dispatcher.CreateFunction(NativeLibraryHandle.Open(library), _local.Address, _local.Signature, ExecutionMode.Async);
        _args = [s_one, s_two];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> InProcess_InvokeAsync() => (int)(await _local.InvokeAsync(_args))!;

    [Benchmark]
    public async Task<int> Worker_InvokeAsync() => (int)(await _worker.InvokeAsync(_args))!;
}
