using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>Every row of the SPEC type table, through a fixture compiled from tests/native/types.c.</summary>
public sealed class TypeTableTests : IDisposable
{
    private readonly NativeModule _types = NativeFixtures.Open("types.c");

    public void Dispose() => _types.Dispose();

    public static TheoryData<string, object, object> Echoes => new()
    {
        { "char echo_char(char v)", (sbyte)-128, (sbyte)-128 },
        { "signed char echo_schar(signed char v)", (sbyte)127, (sbyte)127 },
        { "int8_t echo_i8(int8_t v)", -5, (sbyte)-5 },
        { "unsigned char echo_uchar(unsigned char v)", (byte)255, (byte)255 },
        { "uint8_t echo_u8(uint8_t v)", 200, (byte)200 },
        { "short echo_short(short v)", short.MinValue, short.MinValue },
        { "int16_t echo_i16(int16_t v)", (short)-2, (short)-2 },
        { "unsigned short echo_ushort(unsigned short v)", ushort.MaxValue, ushort.MaxValue },
        { "uint16_t echo_u16(uint16_t v)", 65535, (ushort)65535 },
        { "int echo_int(int v)", int.MinValue, int.MinValue },
        { "int32_t echo_i32(int32_t v)", int.MaxValue, int.MaxValue },
        { "unsigned echo_unsigned(unsigned v)", 0xFFFFFFFFu, 0xFFFFFFFFu },
        { "uint32_t echo_u32(uint32_t v)", 0xFFFFFFFFu, 0xFFFFFFFFu },
        { "long echo_long(long v)", long.MinValue, long.MinValue },
        { "long long echo_llong(long long v)", 1L << 40, 1L << 40 },
        { "int64_t echo_i64(int64_t v)", 1L << 40, 1L << 40 },
        { "ssize_t echo_ssize(ssize_t v)", -7L, -7L },
        { "ptrdiff_t echo_ptrdiff(ptrdiff_t v)", long.MaxValue, long.MaxValue },
        { "intptr_t echo_intptr(intptr_t v)", -9L, (nint)(-9) },
        { "unsigned long echo_ulong(unsigned long v)", ulong.MaxValue, ulong.MaxValue },
        { "unsigned long long echo_ullong(unsigned long long v)", 1UL << 63, 1UL << 63 },
        { "uint64_t echo_u64(uint64_t v)", ulong.MaxValue, ulong.MaxValue },
        { "size_t echo_size(size_t v)", 1UL << 40, unchecked((nuint)(1UL << 40)) },
        { "uintptr_t echo_uintptr(uintptr_t v)", 12345UL, (nuint)12345 },
        { "float echo_float(float v)", 1.5f, 1.5f },
        { "float echo_float(float v)", 3, 3f },
        { "double echo_double(double v)", -2.25, -2.25 },
        { "double echo_double(double v)", 7L, 7.0 },
        { "enum color next_color(enum color c)", 1, 5 },
    };

    [Theory]
    [MemberData(nameof(Echoes))]
    public void Invoke_EveryScalarType_RoundTripsWithTheTableType(string declaration, object argument, object expected)
    {
        var function = _types.Bind(declaration);
        var result = function.Invoke(argument);
        Assert.Equal(expected, result);
        Assert.IsType(expected.GetType(), result);
    }

    [Fact]
    public void Typed_FixedWidthScalars_KeepFullWidth()
    {
        Assert.Equal(0xFFFFFFFFu, _types.Bind<Func<uint, uint>>("uint32_t echo_u32(uint32_t v)")(0xFFFFFFFFu));
        Assert.Equal(1L << 40, _types.Bind<Func<long, long>>("int64_t echo_i64(int64_t v)")(1L << 40));
        Assert.Equal(ulong.MaxValue, _types.Bind<Func<ulong, ulong>>("uint64_t echo_u64(uint64_t v)")(ulong.MaxValue));
        Assert.Equal(unchecked((nuint)(1UL << 40)), _types.Bind<Func<nuint, nuint>>("size_t echo_size(size_t v)")(unchecked((nuint)(1UL << 40))));
        Assert.Equal((sbyte)-1, _types.Bind<Func<sbyte, sbyte>>("int8_t echo_i8(int8_t v)")(-1));
        Assert.Equal((ushort)65535, _types.Bind<Func<ushort, ushort>>("uint16_t echo_u16(uint16_t v)")(65535));
        Assert.True(_types.Bind<Func<bool, bool>>("bool not_bool(bool v)")(false));
        Assert.False(_types.Bind<Func<bool, bool>>("bool not_bool(bool v)")(true));
        Assert.Equal(Color.Blue, _types.Bind<Func<Color, Color>>("enum color next_color(enum color c)")(Color.Green));
    }

    public enum Color
    {
        Red = 1,
        Green = 5,
        Blue = 9,
    }

    [Fact]
    public void Invoke_Bool_RoundTrips()
    {
        var notBool = _types.Bind("_Bool not_bool(_Bool v)");
        Assert.Equal(true, notBool.Invoke(false));
        Assert.Equal(false, notBool.Invoke(true));
    }

    [Fact]
    public void Invoke_MixedIntegerAndFloatingArguments_AllArriveInPlace()
    {
        var mix = _types.Bind("double mix(int8_t a, uint16_t b, int32_t c, uint64_t d, float e, double f, int64_t g, double h)");
        double expected = -1 + 2 + 3 + 4e9 + 0.5 + 0.25 + (1L << 40) + 1000.125;
        Assert.Equal(expected, mix.Invoke(-1, 2, 3, 4_000_000_000UL, 0.5f, 0.25, 1L << 40, 1000.125));
        var typed = mix.AsDelegate<Func<sbyte, ushort, int, ulong, float, double, long, double, double>>();
        Assert.Equal(expected, typed(-1, 2, 3, 4_000_000_000UL, 0.5f, 0.25, 1L << 40, 1000.125));
    }

    [Fact]
    public void Pointers_ArraysBuffersSpansAndMemory_AllReachTheSameData()
    {
        var sum = _types.Bind("int64_t sum_i32(const int32_t* values, size_t n)");
        int[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        using var buffer = Native.Alloc(values.Length * 4);
        values.CopyTo(buffer.AsSpan<int>());

        Assert.Equal(55L, sum.Invoke(values, (nuint)10));
        Assert.Equal(55L, sum.Invoke(buffer, (nuint)10));
        Assert.Equal(55L, sum.Invoke(buffer.AsPointer(), (nuint)10));
        Assert.Equal(55L, sum.Invoke(buffer.Address, (nuint)10));
        Assert.Equal(55L, sum.Invoke(new Memory<int>(values), (nuint)10));
        Assert.Equal(55L, sum.Invoke(new ReadOnlyMemory<int>(values), (nuint)10));
        Assert.Equal(12L, sum.Invoke(new ArraySegment<int>(values, 2, 3), (nuint)3));
        Assert.Equal(0L, sum.Invoke(null, (nuint)0));
        Assert.Equal(0L, sum.Invoke(Array.Empty<int>(), (nuint)0));

        Assert.Equal(55L, sum.AsDelegate<Func<int[], nuint, long>>()(values, 10));
        Assert.Equal(55L, sum.AsDelegate<Func<NativeBuffer, nuint, long>>()(buffer, 10));
        Assert.Equal(55L, sum.AsDelegate<Func<NativePointer, nuint, long>>()(buffer.AsPointer(), 10));
        Assert.Equal(55L, sum.AsDelegate<SumSpan>()(values, 10));
        Assert.Equal(0L, sum.AsDelegate<Func<int[]?, nuint, long>>()(null, 0));
        Assert.Equal(0, buffer.LeaseCount);
    }

    private delegate long SumSpan(ReadOnlySpan<int> values, nuint n);

    [Fact]
    public void Pointers_OutputArrayAndBuffer_AreWrittenByNativeCode()
    {
        var fill = _types.Bind("void fill_i64(int64_t* out, size_t n, int64_t value)");
        long[] array = new long[4];
        fill.Invoke(array, (nuint)4, 100L);
        Assert.Equal([100L, 101, 102, 103], array);

        using var buffer = Native.Alloc(32);
        fill.AsDelegate<Action<NativeBuffer, nuint, long>>()(buffer, 4, -5);
        Assert.Equal([-5L, -4, -3, -2], buffer.AsSpan<long>().ToArray());
    }

    [Fact]
    public void Pointers_ArrayOfWrongElementType_IsRejected()
    {
        var sum = _types.Bind("double sum_f64(const double* values, size_t n)");
        var e = Assert.Throws<ArgumentException>(() => sum.Invoke(new int[] { 1, 2 }, (nuint)2));
        Assert.Contains("Argument 1 ('values') of 'sum_f64'", e.Message);
        Assert.Contains("Int32[]", e.Message);
        Assert.Throws<NativeBindingException>(() => sum.AsDelegate<Func<int[], nuint, double>>());
        Assert.Equal(3.5, sum.Invoke(new[] { 1.0, 2.5 }, (nuint)2));
    }

    [Fact]
    public void Returns_ConstCharPointer_IsString_NullPointer_IsNull_OpaquePointer_RoundTrips()
    {
        Assert.Equal("hello from C", _types.Bind("const char* greeting(void)").Invoke());
        Assert.Null(_types.Bind("void* null_pointer(void)").Invoke());
        Assert.Null(_types.Bind<Func<NativePointer?>>("void* null_pointer(void)")());

        var opaque = _types.Bind("struct opaque* make_opaque(void)").Invoke<NativePointer>();
        Assert.Equal(Ownership.Native, opaque.Ownership);
        Assert.Equal(1, _types.Bind("int opaque_is_valid(struct opaque* p)").Invoke(opaque));
    }

    [Fact]
    public void PointerTables_FromStringsPointersBuffersAndNintArrays()
    {
        var totalLength = _types.Bind("size_t total_length(const char** strings, size_t n)");
        using var a = Native.Alloc(8);
        using var b = Native.Alloc(8);
        a.Write("abc\0"u8);
        b.Write("de\0"u8);

        Assert.Equal((nuint)5, totalLength.Invoke(new[] { a, b }, (nuint)2));
        Assert.Equal((nuint)5, totalLength.Invoke(new[] { a.AsPointer(), b.AsPointer() }, (nuint)2));
        Assert.Equal((nuint)5, totalLength.Invoke(new[] { a.Address, b.Address }, (nuint)2));
        Assert.Equal((nuint)3, totalLength.Invoke(new NativePointer?[] { a.AsPointer(), null }, (nuint)2));
        Assert.Equal(0, a.LeaseCount);

        var sumRows = _types.Bind("int64_t sum_rows(const int64_t** rows, size_t row_count, size_t columns)");
        using var row0 = Native.Alloc(16);
        using var row1 = Native.Alloc(16);
        row0.Write(0, 1L); row0.Write(8, 2L); row1.Write(0, 30L); row1.Write(8, 40L);
        Assert.Equal(73L, sumRows.Invoke(new[] { row0, row1 }, (nuint)2, (nuint)2));
    }

    [Fact]
    public void OutParameterPointer_WrittenIntoNativeBufferSlot()
    {
        var store = _types.Bind("void store_pointer(void** out, void* value)");
        using var slot = Native.Alloc(8);
        using var target = Native.Alloc(4);
        store.Invoke(slot, target);
        Assert.Equal(target.Address, slot.Read<nint>(0));
    }

    [Fact]
    public void Callbacks_DelegatesOfEveryShape_AreCalled()
    {
        var apply = _types.Bind("int apply(int (*f)(int), int x)");
        Assert.Equal(10, apply.Invoke((Func<int, int>)(x => x * 2), 5));
        Assert.Equal(20, _types.Bind("int apply_twice(int (*f)(int), int x)").Invoke((Func<int, int>)(x => x * 2), 5));
        Assert.Equal(6.0, _types.Bind("double apply_double(double (*f)(double, int), double x)").Invoke((Func<double, int, double>)((x, n) => x * n), 3.0));
        int called = 0;
        _types.Bind("void call_void(void (*f)(void))").Invoke((Action)(() => called++));
        Assert.Equal(1, called);
    }

    [Fact]
    public void NativeCallback_OutlivesTheCall_WhileKeptAlive()
    {
        using var callback = NativeCallback.Create("int triple(int x)", (Func<int, int>)(x => x * 3));
        _types.Bind("void save_callback(int (*f)(int))").Invoke(callback);
        var callSaved = _types.Bind<Func<int, int>>("int call_saved(int x)");
        Assert.Equal(21, callSaved(7));
        Assert.Equal(30, callSaved(10));
        _types.Bind("void save_callback(int (*f)(int))").Invoke((object?)null);
        Assert.Equal(-1, callSaved(1));
        Assert.Equal(12, _types.Bind<Func<NativeCallback, int, int>>("int apply(int (*f)(int), int x)")(callback, 4));
    }

    [Fact]
    public void NativeCallback_ThrowingHandler_RecordsLastException()
    {
        using var callback = NativeCallback.Create("int fail(int x)", (Func<int, int>)(_ => throw new FormatException("bad")));
        _types.Bind("void save_callback(int (*f)(int))").Invoke(callback);
        Assert.Equal(0, _types.Bind("int call_saved(int x)").Invoke(1));
        Assert.IsType<FormatException>(callback.LastException);
        _types.Bind("void save_callback(int (*f)(int))").Invoke((object?)null);
    }

    [Fact]
    public void NativeCallback_Disposed_PointerThrows()
    {
        var callback = NativeCallback.Create("int id(int x)", (Func<int, int>)(x => x));
        callback.Dispose();
        Assert.Throws<ObjectDisposedException>(() => callback.Pointer);
    }
}
