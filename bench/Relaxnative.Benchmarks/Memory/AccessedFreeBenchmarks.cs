using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// Alloc + one checked write + Free of 64 bytes: the path where Free sends the block through the quarantine (the
/// buffer was touched by an accessor) and pays its share of a batch drain. "OtherThread" keeps a second thread
/// registered with the heap, so each drain pays the process-wide barrier; alone, a drain skips it.
/// Baseline: NativeMemory.Alloc, one store, NativeMemory.Free.
/// </summary>
[MemoryDiagnoser]
public unsafe class AccessedFreeBenchmarks
{
    private static readonly AllocOptions Uninitialized = new() { ZeroFill = false };
    private volatile bool _stop;
    private Thread? _other;

    [Benchmark(Baseline = true)]
    public void NativeMemory_AllocWriteFree()
    {
        void* block = NativeMemory.Alloc(64);
        *(long*)block = 1;
        NativeMemory.Free(block);
    }

    [Benchmark]
    public void NativeAlloc_WriteFree()
    {
        var buffer = Native.Alloc(64, Uninitialized);
        buffer.Write(0, 1L);
        buffer.Free();
    }

    [GlobalSetup(Target = nameof(NativeAlloc_WriteFree_OtherThread))]
    public void StartOtherThread()
    {
        Native.Alloc(8).Free(); // the benchmark thread's own registration
        int before = Relaxnative.Memory.Heap.ThreadCell.All.Length;
        _other = new Thread(() =>
        {
            Native.Alloc(8).Free(); // registers this thread with the heap
            while (!_stop)
            {
                Thread.Sleep(10);
            }
        })
        { IsBackground = true };
        _other.Start();
        while (Relaxnative.Memory.Heap.ThreadCell.All.Length == before)
        {
            Thread.Sleep(1);
        }
    }

    [GlobalCleanup(Target = nameof(NativeAlloc_WriteFree_OtherThread))]
    public void StopOtherThread()
    {
        _stop = true;
        _other?.Join();
    }

    [Benchmark]
    public void NativeAlloc_WriteFree_OtherThread()
    {
        var buffer = Native.Alloc(64, Uninitialized);
        buffer.Write(0, 1L);
        buffer.Free();
    }
}
