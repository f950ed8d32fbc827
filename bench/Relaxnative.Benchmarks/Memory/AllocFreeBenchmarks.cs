using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// Native.Alloc + Free against NativeMemory.Alloc + Free, per size. "Uninitialized" compares ZeroFill = false with
/// malloc; "Zeroed" compares the default with calloc. AutoFree, Guard and Tracked show the cost of each option alone.
/// Target: Native.Alloc at most 2x its baseline without tracking or auto-free.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public unsafe class AllocFreeBenchmarks
{
    private static readonly AllocOptions Uninitialized = new() { ZeroFill = false };
    private static readonly AllocOptions UninitializedAutoFree = new() { ZeroFill = false, AutoFree = true };
    private static readonly AllocOptions UninitializedGuard = new() { ZeroFill = false, Guard = true };

    [Params(64, 4096, 1 << 20)]
    public int Size { get; set; }

    [Benchmark(Baseline = true), BenchmarkCategory("Uninitialized")]
    public void NativeMemory_AllocFree() => NativeMemory.Free(NativeMemory.Alloc((nuint)Size));

    [Benchmark, BenchmarkCategory("Uninitialized")]
    public void NativeAlloc_Free() => Native.Alloc(Size, Uninitialized).Free();

    [Benchmark, BenchmarkCategory("Uninitialized")]
    public void NativeAlloc_AutoFree_Free() => Native.Alloc(Size, UninitializedAutoFree).Free();

    [Benchmark, BenchmarkCategory("Uninitialized")]
    public void NativeAlloc_Guard_Free() => Native.Alloc(Size, UninitializedGuard).Free();

    [GlobalSetup(Target = nameof(NativeAlloc_Tracked_Free))]
    public void EnableTracking() => Native.TrackAllocations = true;

    [GlobalCleanup(Target = nameof(NativeAlloc_Tracked_Free))]
    public void DisableTracking() => Native.TrackAllocations = false;

    [Benchmark, BenchmarkCategory("Uninitialized")]
    public void NativeAlloc_Tracked_Free() => Native.Alloc(Size, Uninitialized).Free();

    [Benchmark(Baseline = true), BenchmarkCategory("Zeroed")]
    public void NativeMemory_AllocZeroedFree() => NativeMemory.Free(NativeMemory.AllocZeroed((nuint)Size));

    [Benchmark, BenchmarkCategory("Zeroed")]
    public void NativeAlloc_Zeroed_Free() => Native.Alloc(Size).Free();
}
