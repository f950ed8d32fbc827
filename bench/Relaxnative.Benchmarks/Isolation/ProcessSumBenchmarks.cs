using BenchmarkDotNet.Attributes;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Isolation;

/// <summary>
/// sum_u8 over 1 MiB in the helper process: a NativeBuffer copied through the shared region (target at most 1 ms),
/// and a buffer from the module's shared memory that crosses with no copy, beside the in-process call.
/// </summary>
[MemoryDiagnoser]
public class ProcessSumBenchmarks
{
    private const int Size = 1 << 20;
    private static readonly object s_size = (ulong)Size;
    private NativeModule _module = null!;
    private ProcessDispatcher _dispatcher = null!;
    private NativeFunction _local = null!;
    private NativeFunction _remote = null!;
    private NativeBuffer _buffer = null!;
    private NativeBuffer _shared = null!;

    [GlobalSetup]
    public void Setup()
    {
        string library = BenchLibrary.Build("calls.c");
        _module = Native.Open(library);
        _local = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)");
        _dispatcher = ProcessDispatcher.Start(library);
        _remote = _dispatcher.CreateFunction(CDeclarationParser.Parse("uint64_t sum_u8(const uint8_t* data, size_t n)"));
        var bytes = new byte[Size];
        new Random(1).NextBytes(bytes);
        _buffer = Native.Alloc(Size);
        _buffer.Write(bytes);
        _shared = _dispatcher.Alloc(Size);
        _shared.Write(bytes);
        _remote.Invoke(_buffer, s_size); // starts the helper outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _buffer.Free();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ulong InProcess_Sum() => (ulong)_local.Invoke(_buffer, s_size)!;

    [Benchmark]
    public ulong Process_Sum_Copied() => (ulong)_remote.Invoke(_buffer, s_size)!;

    [Benchmark]
    public ulong Process_Sum_ZeroCopy() => (ulong)_remote.Invoke(_shared, s_size)!;
}
