using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// sum_u8(const uint8_t*, size_t) over N bytes, passing a raw pointer (baseline: direct function-pointer call), a
/// NativeBuffer (pinned in the thread's cell once it has been used) and a byte[] (pinned by a fixed local), typed and
/// untyped. Target: NativeBuffer and byte[] at most 2x the raw pointer at N = 16, within 5 % at 1 MiB.
/// </summary>
[MemoryDiagnoser]
public unsafe class SumBenchmarks
{
    private NativeModule _module = null!;
    private NativeBuffer _buffer = null!;
    private byte[] _array = null!;
    private delegate* unmanaged<byte*, nuint, ulong> _sum;
    private Func<NativeBuffer, nuint, ulong> _typedBuffer = null!;
    private Func<byte[], nuint, ulong> _typedArray = null!;
    private NativeFunction _untyped = null!;
    private object _boxedN = null!;

    [Params(16, 1 << 20)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Open(BenchLibrary.Build("calls.c"));
        _untyped = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)");
        _typedBuffer = _untyped.AsDelegate<Func<NativeBuffer, nuint, ulong>>();
        _typedArray = _untyped.AsDelegate<Func<byte[], nuint, ulong>>();
        _sum = (delegate* unmanaged<byte*, nuint, ulong>)_untyped.Address;
        _buffer = Native.Alloc(N);
        _array = new byte[N];
        new Random(1).NextBytes(_array);
        _buffer.Write(_array);
        _boxedN = (nuint)N;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _buffer.Free();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ulong Direct_RawPointer() => _sum((byte*)_buffer.DangerousGetAddress(), (nuint)N);

    [Benchmark]
    public ulong Typed_NativeBuffer() => _typedBuffer(_buffer, (nuint)N);

    [Benchmark]
    public ulong Typed_ByteArray() => _typedArray(_array, (nuint)N);

    [Benchmark]
    public ulong Untyped_NativeBuffer() => (ulong)_untyped.Invoke(_buffer, _boxedN)!;

    [Benchmark]
    public ulong Untyped_ByteArray() => (ulong)_untyped.Invoke(_array, _boxedN)!;
}
