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
    public void Trivial_FloatingShape_FallsBackToTheNormalTransition()
    {
        var mix = _types.Bind("double echo_double(double v)", Trivial);
        Assert.False(NativeCallEmitter.IsTrivialShape(mix.Plan));
        Assert.Equal(2.5, mix.AsDelegate<Func<double, double>>()(2.5));
        Assert.Equal(2.5, mix.Invoke(2.5));
    }
}
