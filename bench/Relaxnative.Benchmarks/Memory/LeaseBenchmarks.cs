using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// The cost of holding a buffer alive across one native call: a lease acquire + release. The baseline is the
/// floor for any reference count shared between threads: one interlocked increment and one decrement.
/// </summary>
[MemoryDiagnoser]
public class LeaseBenchmarks
{
    private NativeBuffer _buffer = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup() => _buffer = Native.Alloc(64);

    [GlobalCleanup]
    public void Cleanup() => _buffer.Free();

    [Benchmark(Baseline = true)]
    public int Interlocked_IncrementDecrement()
    {
        Interlocked.Increment(ref _counter);
        return Interlocked.Decrement(ref _counter);
    }

    [Benchmark]
    public void Lease_Dispose()
    {
        using var lease = _buffer.Lease();
    }

    [Benchmark]
    public void DangerousAddRef_Release()
    {
        _buffer.DangerousAddRef();
        _buffer.DangerousRelease();
    }
}
