using Relaxnative.Binding;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class TrivialCallTests : IDisposable
{
    private static readonly BindOptions Trivial = new() { Trivial = true };
    private readonly NativeModule _types = NativeFixtures.Open("types.c");

    public void Dispose() => _types.Dispose();

    [Fact]
    public void Trivial_IntegerShapes_GiveTheSameResultsAsNormalCalls()
    {
        var add = _types.Bind("int add(int a, int b)", Trivial);
        Assert.True(add.IsTrivial);
        Assert.True(NativeCallEmitter.IsTrivialShape(add.Plan));
        Assert.Equal(5, add.Invoke(2, 3));
        Assert.Equal(-1, add.AsDelegate<Func<int, int, int>>()(int.MaxValue, int.MinValue));
        Assert.Equal(0xFFFFFFFFu, _types.Bind<Func<uint, uint>>("uint32_t echo_u32(uint32_t v)", Trivial)(0xFFFFFFFFu));
        Assert.Equal((sbyte)-128, _types.Bind<Func<sbyte, sbyte>>("int8_t echo_i8(int8_t v)", Trivial)(-128));
        Assert.Equal((ushort)65535, _types.Bind<Func<ushort, ushort>>("uint16_t echo_u16(uint16_t v)", Trivial)(65535));
        Assert.Equal(long.MinValue, _types.Bind<Func<long, long>>("int64_t echo_i64(int64_t v)", Trivial)(long.MinValue));
        Assert.True(_types.Bind<Func<bool, bool>>("bool not_bool(bool v)", Trivial)(false));
        _types.Bind<Action>("void noop(void)", Trivial)();
        int[] values = [1, 2, 3];
        Assert.Equal(6L, _types.Bind<Func<int[], nuint, long>>("int64_t sum_i32(const int32_t* values, size_t n)", Trivial)(values, 3));
    }

    [Fact]
    public void Trivial_DelegateOfTheExactIntegerTypes_IsAnOrdinaryMethodWithTheSameResults()
    {
        var sum = _types.Bind<Func<sbyte, byte, short, ushort, int, uint, long>>(
            "int64_t sum_widths(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f)", Trivial);
        // Not emitted code: a method of the target, which the JIT may inline through the delegate.
        Assert.Equal(typeof(StubTarget), sum.Method.DeclaringType);
        Assert.Equal(-1L + 255 - 2 + 65535 - 3 + 4294967295L, sum(-1, 255, -2, 65535, -3, uint.MaxValue));
        Assert.Equal(long.MinValue, _types.Bind<Func<long, long>>("int64_t echo_i64(int64_t v)", Trivial)(long.MinValue));
        Assert.Equal(ulong.MaxValue, _types.Bind<Func<ulong, ulong>>("uint64_t echo_u64(uint64_t v)", Trivial)(ulong.MaxValue));
        Assert.Equal((byte)255, _types.Bind<Func<byte, byte>>("uint8_t echo_u8(uint8_t v)", Trivial)(255));
        Assert.Equal((short)-2, _types.Bind<Func<short, short>>("int16_t echo_i16(int16_t v)", Trivial)(-2));
        Assert.Equal((nint)(-9), _types.Bind<Func<nint, nint>>("intptr_t echo_intptr(intptr_t v)", Trivial)(-9));
        Assert.Equal(nuint.MaxValue, _types.Bind<Func<nuint, nuint>>("size_t echo_size(size_t v)", Trivial)(nuint.MaxValue));
        using (var untyped = NativeFixtures.Open("untyped_calls.c"))
        {
            // Only the low bytes of the return register are defined: the rest still holds the int they came from.
            Assert.Equal((byte)0x34, untyped.Bind<Func<int, byte>>("uint8_t low_byte(int v)", Trivial)(0x1234));
            Assert.Equal((sbyte)-1, untyped.Bind<Func<int, sbyte>>("int8_t low_signed_byte(int v)", Trivial)(0x12FF));
            Assert.Equal((ushort)0x5678, untyped.Bind<Func<int, ushort>>("uint16_t low_half(int v)", Trivial)(0x12345678));
        }

        var noop = _types.Bind<Action>("void noop(void)", Trivial);
        Assert.Equal(typeof(StubTarget), noop.Method.DeclaringType);
        noop();

        // Other delegate types for the same functions keep the emitted stub.
        Assert.NotEqual(typeof(StubTarget), _types.Bind<Func<bool, bool>>("bool not_bool(bool v)", Trivial).Method.DeclaringType);
        Assert.NotEqual(typeof(StubTarget), _types.Bind<Func<Color, Color>>("enum color next_color(enum color c)", Trivial).Method.DeclaringType);
    }

    [Fact]
    public void Trivial_OrdinaryMethodDelegate_LibraryClosed_ThrowsObjectDisposed()
    {
        var module = NativeFixtures.Open("types.c");
        var echo = module.Bind<Func<int, int>>("int echo_int(int v)", Trivial);
        Assert.Equal(typeof(StubTarget), echo.Method.DeclaringType);
        Assert.Equal(7, echo(7));

        module.Dispose();

        var e = Assert.Throws<ObjectDisposedException>(() => echo(7));
        Assert.Contains("echo_int", e.Message);
    }

    public enum Color
    {
        Red = 1,
    }

    [Fact]
    public void Trivial_FloatingShape_FallsBackToTheNormalTransition()
    {
        var mix = _types.Bind("double echo_double(double v)", Trivial);
        Assert.False(NativeCallEmitter.IsTrivialShape(mix.Plan));
        Assert.Equal(2.5, mix.AsDelegate<Func<double, double>>()(2.5));
        Assert.Equal(2.5, mix.Invoke(2.5));
    }
}
