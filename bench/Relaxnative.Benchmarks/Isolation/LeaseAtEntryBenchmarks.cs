using BenchmarkDotNet.Attributes;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Isolation;

/// <summary>
/// What leasing buffer arguments at Invoke entry costs a process-mode call: sum_u8 over 64 bytes passed as a
/// NativeBuffer (leased before the call waits for the helper, released after) beside the same bytes passed as a
/// byte[] (copied the same way, nothing to lease).
/// </summary>
[MemoryDiagnoser]
public class LeaseAtEntryBenchmarks
{
    private const int Size = 64;
    private static readonly object s_size = (ulong)Size;
    private ProcessDispatcher _dispatcher = null!;
    private NativeFunction _sum = null!;
    private NativeBuffer _buffer = null!;
    private byte[] _array = null!;

    [GlobalSetup]
    public void Setup()
    {
        _dispatcher = ProcessDispatcher.Start(BenchLibrary.Build("calls.c"));
        _sum = _dispatcher.CreateFunction(CDeclarationParser.Parse("uint64_t sum_u8(const uint8_t* data, size_t n)"));
        _array = new byte[Size];
        new Random(1).NextBytes(_array);
        _buffer = Native.Alloc(Size);
        _buffer.Write(_array);
        _sum.Invoke(_array, s_size); // starts the helper outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _buffer.Free();
    }

    [Benchmark(Baseline = true)]
    public ulong Process_Sum_Array() => (ulong)_sum.Invoke(_array, s_size)!;

    [Benchmark]
    public ulong Process_Sum_LeasedBuffer() => (ulong)_sum.Invoke(_buffer, s_size)!;
}
