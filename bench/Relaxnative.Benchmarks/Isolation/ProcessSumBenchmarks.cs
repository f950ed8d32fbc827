using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Benchmarks.Isolation;

/// <summary>
/// 1 MiB crossing into the helper process, beside a memcpy of the same bytes (the baseline: what one copy costs on this
/// machine). <c>Process_Peek_Const</c> passes a <c>const uint8_t*</c> to a function that reads one byte, so it measures
/// the trip (one copy in, none back) and the round trip; <c>Process_Poke_Mutable</c> does the same with a writable
/// pointee (one copy in, one back); <c>Process_Peek_ZeroCopy</c> is the same call on the module's shared memory, the
/// round trip alone. Target: a 1 MiB const argument at most 2x the memcpy. The sum rows show a call that
/// does real work: copied, from the module's shared memory (no copy), and in this process.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
public unsafe class ProcessSumBenchmarks
{
    private const int Size = 1 << 20;
    private static readonly object s_size = (ulong)Size;
    private NativeModule _module = null!;
    private ProcessDispatcher _dispatcher = null!;
    private NativeFunction _local = null!;
    private NativeFunction _remote = null!;
    private NativeFunction _peek = null!;
    private NativeFunction _poke = null!;
    private NativeBuffer _buffer = null!;
    private NativeBuffer _shared = null!;
    private void* _copyTarget;

    [GlobalSetup]
    public void Setup()
    {
        string library = BenchLibrary.Build("calls.c");
        _module = Native.Open(library);
        _local = _module.Bind("uint64_t sum_u8(const uint8_t* data, size_t n)");
        _dispatcher = ProcessDispatcher.Start(library);
        _remote = _dispatcher.CreateFunction(CDeclarationParser.Parse("uint64_t sum_u8(const uint8_t* data, size_t n)"));
        _peek = _dispatcher.CreateFunction(CDeclarationParser.Parse("uint8_t peek_u8(const uint8_t* data, size_t n)"));
        _poke = _dispatcher.CreateFunction(CDeclarationParser.Parse("void poke_u8(uint8_t* data, size_t n)"));
        var bytes = new byte[Size];
        new Random(1).NextBytes(bytes);
        _buffer = Native.Alloc(Size);
        _buffer.Write(bytes);
        _shared = _dispatcher.Alloc(Size);
        _shared.Write(bytes);
        _copyTarget = NativeMemory.AlignedAlloc(Size, 64);
        new Span<byte>(_copyTarget, Size).Clear(); // touch every page outside the measurement, as the region's are
        _remote.Invoke(_buffer, s_size); // starts the helper outside the measurement
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dispatcher.Dispose();
        _buffer.Free();
        NativeMemory.AlignedFree(_copyTarget);
        _module.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Memcpy_1MiB() => NativeMemory.Copy((void*)_buffer.DangerousGetAddress(), _copyTarget, Size);

    [Benchmark]
    public byte Process_Peek_Const() => (byte)_peek.Invoke(_buffer, s_size)!;

    [Benchmark]
    public void Process_Poke_Mutable() => _poke.Invoke(_buffer, s_size);

    [Benchmark]
    public byte Process_Peek_ZeroCopy() => (byte)_peek.Invoke(_shared, s_size)!;

    [Benchmark]
    public ulong InProcess_Sum() => (ulong)_local.Invoke(_buffer, s_size)!;

    [Benchmark]
    public ulong Process_Sum_Copied() => (ulong)_remote.Invoke(_buffer, s_size)!;

    [Benchmark]
    public ulong Process_Sum_ZeroCopy() => (ulong)_remote.Invoke(_shared, s_size)!;
}
