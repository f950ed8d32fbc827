using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// Reading and writing 1,024 ints through the buffer's accessors against a raw Span over the same memory.
/// AsSpan checks once per view; Read/Write check bounds and hold a lease on every call.
/// Target: at most 1.5x the raw span.
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class AccessorBenchmarks
{
    private const int Count = 1024;
    private NativeBuffer _buffer = null!;
    private void* _raw;

    [GlobalSetup]
    public void Setup()
    {
        _buffer = Native.Alloc(Count * sizeof(int));
        _raw = (void*)_buffer.Address;
        for (int i = 0; i < Count; i++)
        {
            _buffer.Write(i * sizeof(int), i);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _buffer.Free();

    [Benchmark(Baseline = true), BenchmarkCategory("Read")]
    public long RawSpan_Read()
    {
        var span = new Span<int>(_raw, Count);
        long sum = 0;
        for (int i = 0; i < span.Length; i++)
        {
            sum += span[i];
        }

        return sum;
    }

    [Benchmark, BenchmarkCategory("Read")]
    public long AsSpan_Read()
    {
        var span = _buffer.AsSpan<int>();
        long sum = 0;
        for (int i = 0; i < span.Length; i++)
        {
            sum += span[i];
        }

        return sum;
    }

    [Benchmark, BenchmarkCategory("Read")]
    public long ReadT()
    {
        long sum = 0;
        for (int i = 0; i < Count; i++)
        {
            sum += _buffer.Read<int>(i * sizeof(int));
        }

        return sum;
    }

    [Benchmark, BenchmarkCategory("Read")]
    public long Lease_ThenRawSpan_Read()
    {
        using var lease = _buffer.Lease();
        var span = MemoryMarshal.Cast<byte, int>(lease.AsSpan());
        long sum = 0;
        for (int i = 0; i < span.Length; i++)
        {
            sum += span[i];
        }

        return sum;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Write")]
    public void RawSpan_Write()
    {
        var span = new Span<int>(_raw, Count);
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i;
        }
    }

    [Benchmark, BenchmarkCategory("Write")]
    public void AsSpan_Write()
    {
        var span = _buffer.AsSpan<int>();
        for (int i = 0; i < span.Length; i++)
        {
            span[i] = i;
        }
    }

    [Benchmark, BenchmarkCategory("Write")]
    public void WriteT()
    {
        for (int i = 0; i < Count; i++)
        {
            _buffer.Write(i * sizeof(int), i);
        }
    }
}
