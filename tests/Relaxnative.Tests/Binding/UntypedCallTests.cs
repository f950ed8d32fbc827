using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>
/// The untyped call path (Invoke, Invoke&lt;T&gt;, dynamic): results read back as whole slots, buffers leased without a
/// cleanup record, the general path for other arguments, calls wider than the inline slot block, and dynamic call
/// sites that follow a rebinding. Fixture: tests/native/untyped_calls.c.
/// </summary>
public sealed class UntypedCallTests : IDisposable
{
    private readonly NativeModule _module = NativeFixtures.Open("untyped_calls.c");

    public void Dispose() => _module.Dispose();

    [Fact]
    public void Invoke_NarrowResults_AreNarrowedBeforeTheyAreWidened()
    {
        // The C functions return an int's low bytes; the register's upper bits still hold the rest of the int.
        Assert.Equal((byte)0x34, _module.Bind("uint8_t low_byte(int v)").Invoke(0x1234));
        Assert.Equal((sbyte)-1, _module.Bind("int8_t low_signed_byte(int v)").Invoke(0x12FF));
        Assert.Equal((ushort)0x5678, _module.Bind("uint16_t low_half(int v)").Invoke(0x12345678));
        Assert.Equal(0x34, _module["low_byte"].Invoke<int>(0x1234));
    }

    [Fact]
    public void Invoke_ScalarFunctionsOfOneAbiShape_BoxEachResultAsItsOwnCType()
    {
        // bool is_odd(uint8_t) and uint8_t twice(uint8_t) are both byte(byte) at the ABI; one emitted call per shape
        // would give one of them the other's result type.
        var isOdd = _module.Bind("bool is_odd(uint8_t v)");
        var twice = _module.Bind("uint8_t twice(uint8_t v)");

        Assert.Equal(true, isOdd.Invoke((byte)3));
        Assert.Equal((byte)6, twice.Invoke((byte)3));
        Assert.Equal(false, isOdd.Invoke(4));
        Assert.Equal((byte)8, twice.Invoke(4L));
    }

    [Fact]
    public void Invoke_ScalarArgumentsBoxedAsOtherTypes_AreConvertedInPlace()
    {
        var sum10 = _module.Bind("int64_t sum10(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)");

        Assert.Equal(55L, sum10.Invoke((byte)1, (short)2, 3L, 4u, (sbyte)5, (ushort)6, (nint)7, (nuint)8, 9UL, DayOfWeek.Saturday + 4));
        var e = Assert.Throws<ArgumentException>(() => sum10.Invoke(1, 2, 3, 4, 5, 6, 7, 8, 9, 1L << 40));
        Assert.Contains("Argument 10 ('j') of 'sum10'", e.Message);
        Assert.Contains("1099511627776", e.Message);
        e = Assert.Throws<ArgumentException>(() => sum10.Invoke(1, 2, 3, 4, null, 6, 7, 8, 9, 10));
        Assert.Contains("Argument 5 ('e')", e.Message);
    }

    [Fact]
    public void Invoke_ScalarParametersPointerResult_ConvertedByTheBindOptions()
    {
        Assert.Equal("789", _module.Bind("const char* digits_from(int start)").Invoke(7));
        Assert.Null(_module.Bind("const char* digits_from(int start)").Invoke(10));
        var asPointer = Assert.IsType<NativePointer>(_module.Bind("const void* digits_from(int start)").Invoke(2));
        Assert.Equal((byte)'2', asPointer.Read<byte>(0));
        var latin1 = _module.Bind("const char* digits_from(int start)", new BindOptions { StringEncoding = StringEncoding.Latin1 });
        Assert.Equal("9", latin1.Invoke(9));

        using var libc = Native.Open("c");
        var malloc = libc.Bind("void* malloc(size_t size)", new BindOptions { Frees = "free" });
        using var owned = Assert.IsType<OwnedNativePointer>(malloc.Invoke(16));
        Assert.NotEqual(0, owned.Address);
    }

    [Fact]
    public void Invoke_TwoBuffers_AreLeasedForTheCallAndReleased()
    {
        var add = _module.Bind("uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)");
        using var a = Native.Alloc(4);
        using var b = Native.Alloc(4);
        a.Write(new byte[] { 1, 2, 3, 4 });
        b.Write(new byte[] { 10, 20, 30, 40 });

        Assert.Equal(110UL, add.Invoke(a, b, (nuint)4));
        Assert.Equal(0UL, add.Invoke(a, null, (nuint)0));
        Assert.Equal(20UL, add.Invoke(a, a.Address, (nuint)4));
        Assert.Equal(0, a.LeaseCount);
        Assert.Equal(0, b.LeaseCount);
    }

    [Fact]
    public void Invoke_ArraysBuffersAddressesAndNull_MixedInOneCall_AllReachTheFunction()
    {
        var add = _module.Bind("uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)");
        byte[] first = [1, 2, 3, 4];
        byte[] second = [10, 20, 30, 40];
        using var buffer = Native.Alloc(4);
        buffer.Write(new byte[] { 5, 5, 5, 5 });

        Assert.Equal(110UL, add.Invoke(first, second, (nuint)4));
        Assert.Equal(30UL, add.Invoke(first, buffer, 4));
        Assert.Equal(40UL, add.Invoke(buffer, buffer.Address, (nuint)4));
        Assert.Equal(0UL, add.Invoke(null, second, (nuint)0));
        Assert.Equal(0, buffer.LeaseCount);

        // Arguments the emitted call does not take go to the slot path whole: a wrong element type is refused there.
        var e = Assert.Throws<ArgumentException>(() => add.Invoke(first, new int[4], (nuint)4));
        Assert.Contains("Argument 2 ('b') of 'add_bytes2'", e.Message);
        Assert.Equal(110UL, add.Invoke(first, new ReadOnlyMemory<byte>(second), (nuint)4));
    }

    [Fact]
    public void Invoke_SecondBufferFreed_ThrowsAndLeavesTheFirstUnleased()
    {
        var add = _module.Bind("uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)");
        using var a = Native.Alloc(4);
        var freed = Native.Alloc(4);
        freed.Free();

        var e = Assert.Throws<UseAfterFreeException>(() => add.Invoke(a, freed, (nuint)4));
        Assert.Contains("pass to native code", e.Message);
        Assert.Equal(0, a.LeaseCount);
    }

    [Fact]
    public void Invoke_BadScalarAfterABuffer_ThrowsAndLeavesTheBufferUnleased()
    {
        var add = _module.Bind("uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)");
        using var a = Native.Alloc(4);

        var e = Assert.Throws<ArgumentException>(() => add.Invoke(a, a, "four"));
        Assert.Contains("'add_bytes2'", e.Message);
        Assert.Equal(0, a.LeaseCount);
    }

    [Fact]
    public void Invoke_ThreeBuffersAndAnArray_TakeTheGeneralPath()
    {
        var add = _module.Bind("uint64_t add_bytes3(const uint8_t* a, const uint8_t* b, const uint8_t* c, size_t n)");
        using var a = Native.Alloc(2);
        using var b = Native.Alloc(2);
        using var c = Native.Alloc(2);
        a.Write(new byte[] { 1, 2 });
        b.Write(new byte[] { 3, 4 });
        c.Write(new byte[] { 5, 6 });

        Assert.Equal(21UL, add.Invoke(a, b, c, (nuint)2));
        Assert.Equal(21UL, add.Invoke(a, new byte[] { 3, 4 }, c, (nuint)2));
        Assert.Equal(0, a.LeaseCount + b.LeaseCount + c.LeaseCount);
    }

    [Fact]
    public void Invoke_ABufferAndAnArray_ArrayPinnedForTheCallAndCheckedPerType()
    {
        var add = _module.Bind("uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)");
        using var a = Native.Alloc(2);
        a.Write(new byte[] { 1, 2 });

        Assert.Equal(10UL, add.Invoke(a, new byte[] { 3, 4 }, (nuint)2));
        Assert.Equal(10UL, add.Invoke(a, new sbyte[] { 3, 4 }, (nuint)2));
        Assert.Equal(10UL, add.Invoke(a, new byte[] { 3, 4 }, (nuint)2));
        var e = Assert.Throws<ArgumentException>(() => add.Invoke(a, new int[] { 3, 4 }, (nuint)2));
        Assert.Contains("Int32", e.Message);
        Assert.Equal(0, a.LeaseCount);
    }

    [Fact]
    public void Invoke_MoreArgumentsThanTheInlineBlock_AreAllPassed()
    {
        var sum10 = _module.Bind("int64_t sum10(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)");

        Assert.Equal(55L, sum10.Invoke(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        Assert.Equal(55L, sum10.Invoke<long>(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        var e = Assert.Throws<ArgumentException>(() => sum10.Invoke(new object?[1000]));
        Assert.Contains("1000", e.Message);
    }

    [Fact]
    public void Dynamic_NameRebound_CallSiteCallsTheNewFunction()
    {
        _module.Bind("uint8_t low_byte(int v)");
        dynamic view = _module.AsDynamic();
        Assert.Equal((byte)0x34, CallLowByte(view));

        _module.Bind("int low_byte(int v)");
        Assert.IsType<int>(CallLowByte(view));
    }

    [Fact]
    public void Dynamic_UnknownName_ThrowsListingTheBoundNames()
    {
        _module.Bind("uint8_t low_byte(int v)");
        dynamic view = _module.AsDynamic();

        var e = Assert.Throws<KeyNotFoundException>(() => (object)view.no_such_function(1));
        Assert.Contains("no_such_function", e.Message);
        Assert.Contains("low_byte", e.Message);
    }

    // One call site, so the second call reuses (or rebinds) the rule the first call made.
    private static object? CallLowByte(dynamic view) => view.low_byte(0x1234);
}
