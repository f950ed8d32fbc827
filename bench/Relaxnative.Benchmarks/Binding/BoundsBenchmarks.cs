using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// The cost of bounds checks: sum_u8(const uint8_t*, size_t) over 16 bytes of a NativeBuffer, bound once without a pairing
/// and once with <c>@bounds(data, n)</c>, on the typed and untyped paths, beside a direct function-pointer call. Without a
/// pairing the typed stub is the code emitted before checks existed and the untyped path adds one null test, so the
/// unpaired rows should match their paths' usual cost; the paired rows show what a check costs.
/// </summary>
[MemoryDiagnoser]
public unsafe class BoundsBenchmarks
{
    private const int N = 16;
    private NativeModule _module = null!;
    private NativeBuffer _buffer = null!;
    private delegate* unmanaged<byte*, nuint, ulong> _sum;
    private Func<NativeBuffer, nuint, ulong> _typedPlain = null!;
    private Func<NativeBuffer, nuint, ulong> _typedPaired = null!;
    private NativeFunction _untypedPlain = null!;
    private NativeFunction _untypedPaired = null!;
    private readonly object _boxedN = (nuint)N;

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Open(BenchLibrary.Build("calls.c"));
        _untypedPlain = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)");
        _untypedPaired = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)", new BindOptions { Bounds = [new BoundsPair("data", "n")] });
        _typedPlain = _untypedPlain.AsDelegate<Func<NativeBuffer, nuint, ulong>>();
        _typedPaired = _untypedPaired.AsDelegate<Func<NativeBuffer, nuint, ulong>>();
        _sum = (delegate* unmanaged<byte*, nuint, ulong>)_untypedPlain.Address;
        _buffer = Native.Alloc(N);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _buffer.Free();
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public ulong Direct_RawPointer() => _sum((byte*)_buffer.DangerousGetAddress(), N);

    [Benchmark]
    public ulong Typed_NoPairing() => _typedPlain(_buffer, N);

    [Benchmark]
    public ulong Typed_Paired() => _typedPaired(_buffer, N);

    [Benchmark]
    public ulong Untyped_NoPairing() => (ulong)_untypedPlain.Invoke(_buffer, _boxedN)!;

    [Benchmark]
    public ulong Untyped_Paired() => (ulong)_untypedPaired.Invoke(_buffer, _boxedN)!;
}
