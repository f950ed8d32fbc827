using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// What <c>BindOptions.CaptureErrno</c> costs per call: add(int, int) through the typed and untyped paths with the
/// option off and on, beside the direct <c>delegate* unmanaged</c> call and three ways of capturing by hand: the BCL's
/// <c>Marshal.GetLastSystemError</c> into a thread-static (a P/Invoke with the full GC transition), a
/// <c>__errno_location</c> call after the call into a thread-static, and the stubs' own sequence (the thread's errno
/// address saved before the call, one load and one store after it). The typed delegate whose trailing <c>out int</c>
/// receives errno is measured too. Targets: off costs nothing (the emitted code is the same as without the option),
/// on at most 2 ns above off.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class ErrnoBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;

    [ThreadStatic]
    private static int t_errno;

    [ThreadStatic]
    private static ErrnoByHand t_slot;

    private struct ErrnoByHand
    {
        public int Value;
        public int* Location;
    }

    private NativeModule _module = null!;
    private delegate* unmanaged<int, int, int> _add;
    private delegate* unmanaged[SuppressGCTransition]<int*> _errnoLocation;
    private Func<int, int, int> _typedOff = null!;
    private Func<int, int, int> _typedOn = null!;
    private AddWithErrno _typedOut = null!;
    private NativeFunction _untypedOff = null!;
    private NativeFunction _untypedOn = null!;

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Open(BenchLibrary.Build("calls.c"));
        _untypedOff = _module.Bind("int add(int a, int b)");
        _typedOff = _untypedOff.AsDelegate<Func<int, int, int>>();
        _add = (delegate* unmanaged<int, int, int>)_untypedOff.Address;
        _errnoLocation = (delegate* unmanaged[SuppressGCTransition]<int*>)NativeLibrary.GetExport(NativeLibrary.GetMainProgramHandle(), "__errno_location");
        var on = new BindOptions { CaptureErrno = true };
        _untypedOn = _module.Bind("int add(int a, int b)", on);
        _typedOn = _untypedOn.AsDelegate<Func<int, int, int>>();
        _typedOut = _untypedOn.AsDelegate<AddWithErrno>();
    }

    private delegate int AddWithErrno(int a, int b, out int errno);

    [GlobalCleanup]
    public void Cleanup() => _module.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("typed")]
    public int Direct_Add() => _add(1, 2);

    [Benchmark, BenchmarkCategory("typed")]
    public int Direct_Add_GetLastSystemError()
    {
        int result = _add(1, 2);
        t_errno = Marshal.GetLastSystemError();
        return result;
    }

    /// <summary>
    /// The floor of any per-thread capture: the direct call, then errno read through <c>__errno_location</c> (no GC
    /// transition) and stored into a thread-static, written by hand. <c>Typed_Add_ErrnoOn</c> does the same work.
    /// </summary>
    [Benchmark, BenchmarkCategory("typed")]
    public int Direct_Add_ErrnoIntoThreadStatic()
    {
        int result = _add(1, 2);
        t_errno = *_errnoLocation();
        return result;
    }

    /// <summary>
    /// The floor of the capture as the stubs do it: this thread's errno address saved in a thread-static before the
    /// call, then after it one load through that address and one store, written by hand.
    /// </summary>
    [Benchmark, BenchmarkCategory("typed")]
    public int Direct_Add_ErrnoThroughSavedAddress()
    {
        ref ErrnoByHand slot = ref t_slot;
        if (slot.Location is null)
        {
            slot.Location = _errnoLocation();
        }

        int result = _add(1, 2);
        slot.Value = *slot.Location;
        return result;
    }

    /// <summary>
    /// The floor of the <c>out int</c> form, written by hand in the same shape as <c>Typed_Add_ErrnoOut</c>: a call that is
    /// not inlined, whose <c>out int</c> receives errno from <c>__errno_location</c> right after the native call, and
    /// whose caller adds the two.
    /// </summary>
    [Benchmark, BenchmarkCategory("typed")]
    public int Direct_Add_ErrnoIntoOut() => AddWithErrnoByHand(1, 2, out int errno) + errno;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int AddWithErrnoByHand(int a, int b, out int errno)
    {
        int result = _add(a, b);
        errno = *_errnoLocation();
        return result;
    }

    [Benchmark, BenchmarkCategory("typed")]
    public int Typed_Add_ErrnoOff() => _typedOff(1, 2);

    [Benchmark, BenchmarkCategory("typed")]
    public int Typed_Add_ErrnoOn() => _typedOn(1, 2);

    [Benchmark, BenchmarkCategory("typed")]
    public int Typed_Add_ErrnoOut() => _typedOut(1, 2, out int errno) + errno;

    [Benchmark(Baseline = true), BenchmarkCategory("untyped")]
    public int Untyped_Add_ErrnoOff() => (int)_untypedOff.Invoke(s_one, s_two)!;

    [Benchmark, BenchmarkCategory("untyped")]
    public int Untyped_Add_ErrnoOn() => (int)_untypedOn.Invoke(s_one, s_two)!;
}
