using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// Reading and writing 1,024 ints through the buffer's accessors against a raw Span over the same memory.
/// AsSpan checks once per view; Read/Write check bounds and publish themselves in the thread's access slot on every
/// call (docs/memory.md, "Threads and leases"). Target: at most 1.5x the raw span.
/// Floor_* does per element only what any per-access check must: with the thread's slot already in hand, a store,
/// the freed-flag load and test, the bounds test, the access, the clearing store. Floor_ThreadLocal* add what a call
/// that is not handed its slot must do first: look the slot up in a [ThreadStatic] field (the runtime's thread-local
/// access, a call to __tls_get_addr and a chain of loads on Linux). What Read/Write cost beyond that is the call itself.
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
    public long Floor_SlotCheckedRead()
    {
        var cell = Relaxnative.Memory.Heap.ThreadCell.Current;
        nint address = (nint)_raw;
        long size = Count * sizeof(int);
        long sum = 0;
        for (int i = 0; i < Count; i++)
        {
            long offset = i * sizeof(int);
            Volatile.Write(ref cell.AccessAddress, address);
            if (_buffer.IsFreed || (ulong)offset > (ulong)(size - sizeof(int)))
            {
                throw new InvalidOperationException();
            }

            sum += Unsafe.ReadUnaligned<int>((void*)(address + (nint)offset));
            Volatile.Write(ref cell.AccessAddress, 0);
        }

        return sum;
    }

    [Benchmark, BenchmarkCategory("Read")]
    public long Floor_ThreadLocalSlotCheckedRead()
    {
        nint address = (nint)_raw;
        long size = Count * sizeof(int);
        long sum = 0;
        for (int i = 0; i < Count; i++)
        {
            long offset = i * sizeof(int);
            var slot = t_slot ??= new FloorSlot();
            Volatile.Write(ref slot.Address, address);
            if (_buffer.IsFreed || (ulong)offset > (ulong)(size - sizeof(int)))
            {
                throw new InvalidOperationException();
            }

            sum += Unsafe.ReadUnaligned<int>((void*)(address + (nint)offset));
            Volatile.Write(ref slot.Address, 0);
        }

        return sum;
    }

    [ThreadStatic]
    private static FloorSlot? t_slot;

    private sealed class FloorSlot
    {
        public nint Address;
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
    public void Floor_SlotCheckedWrite()
    {
        var cell = Relaxnative.Memory.Heap.ThreadCell.Current;
        nint address = (nint)_raw;
        long size = Count * sizeof(int);
        for (int i = 0; i < Count; i++)
        {
            long offset = i * sizeof(int);
            Volatile.Write(ref cell.AccessAddress, address);
            if (_buffer.IsFreed || (ulong)offset > (ulong)(size - sizeof(int)))
            {
                throw new InvalidOperationException();
            }

            Unsafe.WriteUnaligned((void*)(address + (nint)offset), i);
            Volatile.Write(ref cell.AccessAddress, 0);
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
