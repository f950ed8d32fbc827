using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Memory;

/// <summary>
/// Native.Alloc + Free against NativeMemory.Alloc + Free, per size. "Uninitialized" compares ZeroFill = false with
/// malloc; "Zeroed" compares the default with calloc. AutoFree, Guard and Tracked show the cost of each option alone.
/// Target: Native.Alloc at most 2x its baseline without tracking or auto-free.
/// Floor_OwnerObject does only what any owning, race-free, counted buffer must add to malloc + free: one small object
/// per buffer (the size of a NativeBuffer), one compare-and-swap to claim the release, and a per-thread counter bumped
/// at allocation and at release (two thread-local lookups).
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
    public void Floor_OwnerObject_AllocFree()
    {
        var owner = new FloorOwner((nint)NativeMemory.Alloc((nuint)Size), Size);
        t_allocations++;
        if (Interlocked.CompareExchange(ref owner.State, 1, 0) == 0)
        {
            t_frees++;
            NativeMemory.Free((void*)owner.Address);
        }
    }

    [Benchmark, BenchmarkCategory("Uninitialized")]
    public void Floor_SeparateCallsOwnerObject_AllocFree() => SeparateOwnerFree(SeparateOwnerAlloc(Size));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FloorOwner SeparateOwnerAlloc(int size)
    {
        var owner = new FloorOwner((nint)NativeMemory.Alloc((nuint)size), size);
        t_allocations++;
        return owner;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SeparateOwnerFree(FloorOwner owner)
    {
        if (Interlocked.CompareExchange(ref owner.State, 1, 0) == 0)
        {
            t_frees++;
            NativeMemory.Free((void*)owner.Address);
        }
    }

    [ThreadStatic]
    private static long t_allocations;

    [ThreadStatic]
    private static long t_frees;

    /// <summary>As many bytes of fields as a plain NativeBuffer: address, size, state, one reference, two small fields.</summary>
    private sealed class FloorOwner(nint address, long size, object? extras = null, int ownership = 1, byte kind = 1)
    {
        public readonly nint Address = address;
        public readonly long Size = size;
        public long State;
        public readonly object? Extras = extras;
        public readonly int Ownership = ownership;
        public readonly byte Kind = kind;
    }

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
