using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Relaxnative.Benchmarks.Binding;

/// <summary>
/// Per-call cost of add(int, int) and noop() through every Relaxnative path, each beside the direct
/// <c>delegate* unmanaged</c> call of the same function pointer. Targets: typed at most 1.3x the direct call;
/// untyped Invoke at most 20 ns; trivial at most 2.5 ns (its baseline is the direct SuppressGCTransition call).
/// Floor_DelegateAroundRaw_Add is the least any delegate-shaped binding adds to that call: a Func whose body is the raw
/// SuppressGCTransition call and nothing else (no disposed check, no narrowing). Its target is kept out of line, as the
/// emitted stub stays in every measurement. A plain lambda in its place was inlined through the delegate by
/// profile-guided devirtualization in most runs (0.99x the direct call; 2.58 ns with tiering off, 1.42 ns with it, in a
/// plain loop), which measures no delegate call at all.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public unsafe class CallBenchmarks
{
    private static readonly object s_one = 1;
    private static readonly object s_two = 2;
    private NativeModule _module = null!;
    private delegate* unmanaged<int, int, int> _add;
    private delegate* unmanaged<void> _noop;
    private delegate* unmanaged[SuppressGCTransition]<int, int, int> _addNoTransition;
    private Func<int, int, int> _typedAdd = null!;
    private Func<int, int, int> _trivialAdd = null!;
    private Func<int, int, int> _delegateAroundRaw = null!;
    private static delegate* unmanaged[SuppressGCTransition]<int, int, int> s_addNoTransition;
    private Action _typedNoop = null!;
    private Action _trivialNoop = null!;
    private NativeFunction _untypedAdd = null!;
    private NativeFunction _untypedNoop = null!;
    private dynamic _dynamic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _module = Native.Open(BenchLibrary.Build("calls.c"));
        _untypedAdd = _module.Bind("int add(int a, int b)");
        _untypedNoop = _module.Bind("void noop(void)");
        _typedAdd = _untypedAdd.AsDelegate<Func<int, int, int>>();
        _typedNoop = _untypedNoop.AsDelegate<Action>();
        _add = (delegate* unmanaged<int, int, int>)_untypedAdd.Address;
        _noop = (delegate* unmanaged<void>)_untypedNoop.Address;
        _addNoTransition = (delegate* unmanaged[SuppressGCTransition]<int, int, int>)_untypedAdd.Address;
        s_addNoTransition = _addNoTransition;
        _delegateAroundRaw = AddOutOfLine;

        var trivialOptions = new BindOptions { Trivial = true };
        _trivialAdd = _module.Bind<Func<int, int, int>>("int add(int a, int b)", trivialOptions);
        _trivialNoop = _module.Bind<Action>("void noop(void)", trivialOptions);
        _module.Bind("int add(int a, int b)");
        _dynamic = _module.AsDynamic();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AddOutOfLine(int a, int b) => s_addNoTransition(a, b);

    [GlobalCleanup]
    public void Cleanup() => _module.Dispose();

    [Benchmark(Baseline = true), BenchmarkCategory("add")]
    public int Direct_Add() => _add(1, 2);

    [Benchmark, BenchmarkCategory("add")]
    public int Typed_Add() => _typedAdd(1, 2);

    [Benchmark, BenchmarkCategory("add")]
    public int Untyped_Add() => (int)_untypedAdd.Invoke(s_one, s_two)!;

    [Benchmark, BenchmarkCategory("add")]
    public int Dynamic_Add() => (int)_dynamic.add(s_one, s_two);

    /// <summary>
    /// The dynamic call without the C# cast of its result: <c>(int)</c> on a dynamic value is a call site of its own
    /// (the C# binder's conversion), which no library can remove. The difference to <c>Dynamic_Add</c> is its cost.
    /// </summary>
    [Benchmark, BenchmarkCategory("add")]
    public object Dynamic_Add_NoCast() => _dynamic.add(s_one, s_two);

    [Benchmark(Baseline = true), BenchmarkCategory("add-trivial")]
    public int DirectNoTransition_Add() => _addNoTransition(1, 2);

    [Benchmark, BenchmarkCategory("add-trivial")]
    public int Trivial_Add() => _trivialAdd(1, 2);

    [Benchmark, BenchmarkCategory("add-trivial")]
    public int Floor_DelegateAroundRaw_Add() => _delegateAroundRaw(1, 2);

    [Benchmark(Baseline = true), BenchmarkCategory("noop")]
    public void Direct_Noop() => _noop();

    [Benchmark, BenchmarkCategory("noop")]
    public void Typed_Noop() => _typedNoop();

    [Benchmark, BenchmarkCategory("noop")]
    public void Untyped_Noop() => _untypedNoop.Invoke();

    [Benchmark, BenchmarkCategory("noop")]
    public void Trivial_Noop() => _trivialNoop();
}
