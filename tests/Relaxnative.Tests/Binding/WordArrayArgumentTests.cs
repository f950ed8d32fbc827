using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>
/// <c>size_t</c> is accepted as ulong, so <c>size_t*</c> takes ulong[] as well as nuint[]; likewise intptr_t*/ptrdiff_t*
/// take long[] and nint[]. The element size and signedness must match: a long[] for size_t* is still refused.
/// </summary>
public sealed class WordArrayArgumentTests : IDisposable
{
    private delegate void FillSizes(ulong[] sizes, nuint count);

    private delegate void FillSizesSpan(Span<ulong> sizes, nuint count);

    private delegate void FillOffsets(Span<long> offsets, nuint count);

    private readonly NativeModule _module = NativeFixtures.Open("hardening.c");

    public void Dispose() => _module.Dispose();

    private static ulong[] ExpectedSizes(int count) => [.. Enumerable.Range(0, count).Select(i => (1UL << 40) + (ulong)i)];

    [Fact]
    public void Invoke_SizeTPointer_AcceptsULongArrayAndMemory()
    {
        var fill = _module.Bind("void fill_sizes(size_t* sizes, size_t count)");
        var sizes = new ulong[3];
        fill.Invoke(sizes, (nuint)3);
        Assert.Equal(ExpectedSizes(3), sizes);

        var more = new ulong[4];
        fill.Invoke(new Memory<ulong>(more, 1, 3), 3UL);
        Assert.Equal([0UL, .. ExpectedSizes(3)], more);

        var native = new nuint[2];
        fill.Invoke(native, 2UL);
        Assert.Equal(1UL << 40, (ulong)native[0]);
    }

    [Fact]
    public void Invoke_UIntPtrPointer_AcceptsULongArray()
    {
        var addresses = new ulong[2];
        _module.Bind("void fill_addresses(uintptr_t* addresses, size_t count)").Invoke(addresses, 2UL);
        Assert.Equal([0xFFFF000000000000UL, 0xFFFF000000000001UL], addresses);
    }

    [Fact]
    public void Invoke_IntPtrAndPtrdiffPointers_AcceptLongArray()
    {
        var offsets = new long[2];
        _module.Bind("void fill_offsets(intptr_t* offsets, size_t count)").Invoke(offsets, 2UL);
        Assert.Equal([-(1L << 40), -(1L << 40) - 1], offsets);

        var differences = new long[3];
        _module.Bind("void fill_differences(ptrdiff_t* differences, size_t count)").Invoke(new ArraySegment<long>(differences), 3UL);
        Assert.Equal([-1L, -2L, -3L], differences);
    }

    [Fact]
    public void TypedDelegate_SizeTPointer_AcceptsULongArrayAndSpan()
    {
        var sizes = new ulong[3];
        _module.Bind<FillSizes>("void fill_sizes(size_t* sizes, size_t count)")(sizes, 3);
        Assert.Equal(ExpectedSizes(3), sizes);

        var spanned = new ulong[2];
        _module.Bind<FillSizesSpan>("void fill_sizes(size_t* sizes, size_t count)")(spanned, 2);
        Assert.Equal(ExpectedSizes(2), spanned);

        var offsets = new long[1];
        _module.Bind<FillOffsets>("void fill_offsets(intptr_t* offsets, size_t count)")(offsets, 1);
        Assert.Equal(-(1L << 40), offsets[0]);
    }

    [Fact]
    public void Invoke_SizeTPointerWithSignedArray_ThrowsNamingElementType()
    {
        var fill = _module.Bind("void fill_sizes(size_t* sizes, size_t count)");
        var e = Assert.Throws<ArgumentException>(() => fill.Invoke(new long[1], 1UL));
        Assert.Contains("Argument 1 ('sizes') of 'fill_sizes'", e.Message);
        Assert.Contains("Int64", e.Message);
        Assert.Throws<ArgumentException>(() => fill.Invoke(new uint[2], 1UL));
    }

    [Fact]
    public void TypedDelegate_SizeTPointerWithSignedArray_RefusedAtBind()
    {
        var e = Assert.Throws<NativeBindingException>(() => _module.Bind<FillOffsets>("void fill_sizes(size_t* sizes, size_t count)"));
        Assert.Contains("parameter 1 ('offsets')", e.Message);
    }

    [Fact]
    public async Task WorkerAndProcess_SizeTPointer_AcceptULongArray()
    {
        using var worker = NativeFixtures.Load("hardening.c", IsolationMode.Worker);
        var queued = worker.Bind("void fill_sizes(size_t* sizes, size_t count)", new BindOptions { Mode = ExecutionMode.Async });
        var sizes = new ulong[2];
        await queued.InvokeAsync(sizes, 2UL);
        Assert.Equal(ExpectedSizes(2), sizes);

        using var process = NativeFixtures.Load("hardening.c", IsolationMode.Process);
        var copied = new ulong[2];
        process["fill_sizes"].Invoke(copied, 2UL);
        Assert.Equal(ExpectedSizes(2), copied);
    }
}
