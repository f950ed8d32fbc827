using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// Allocate a 64-byte buffer, pass it to sum_u8 once, free it: the pattern where a call's pin makes the buffer's
/// <c>Free</c> go through the quarantine (a touched buffer) instead of straight back to the allocator. Baseline:
/// <c>NativeMemory.Alloc</c>, a direct function-pointer call and <c>NativeMemory.Free</c>.
/// </summary>
[MemoryDiagnoser]
public unsafe class FreshBufferCallBenchmarks
{
    private const int Size = 64;
    private static readonly AllocOptions Uninitialized = new() { ZeroFill = false };
    private NativeModule _module = null!;
    private delegate* unmanaged<byte*, nuint, ulong> _sum;
    private Func<NativeBuffer, nuint, ulong> _typed = null!;
    private NativeFunction _untyped = null!;
    private readonly object _boxedSize = (nuint)Size;

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Open(BenchLibrary.Build("calls.c"));
        _untyped = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)");
        _typed = _untyped.AsDelegate<Func<NativeBuffer, nuint, ulong>>();
        _sum = (delegate* unmanaged<byte*, nuint, ulong>)_untyped.Address;
    }

    [GlobalCleanup]
    public void Cleanup() => _module.Dispose();

    [Benchmark(Baseline = true)]
    public ulong Direct_AllocCallFree()
    {
        var data = (byte*)NativeMemory.Alloc(Size);
        ulong sum = _sum(data, Size);
        NativeMemory.Free(data);
        return sum;
    }

    [Benchmark]
    public ulong Typed_AllocCallFree()
    {
        var buffer = Native.Alloc(Size, Uninitialized);
        ulong sum = _typed(buffer, Size);
        buffer.Free();
        return sum;
    }

    [Benchmark]
    public ulong Untyped_AllocCallFree()
    {
        var buffer = Native.Alloc(Size, Uninitialized);
        ulong sum = (ulong)_untyped.Invoke(buffer, _boxedSize)!;
        buffer.Free();
        return sum;
    }
}
