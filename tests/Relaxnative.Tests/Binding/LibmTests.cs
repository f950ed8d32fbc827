namespace Relaxnative.Tests.Binding;

public sealed class LibmTests : IDisposable
{
    private readonly NativeModule _libm = Native.Open("m");

    public void Dispose() => _libm.Dispose();

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(Math.PI)]
    [InlineData(-123.456)]
    public void Cos_TypedDelegate_MatchesMathCos(double x)
    {
        var cos = _libm.Bind<Func<double, double>>("double cos(double x)");
        Assert.Equal(Math.Cos(x), cos(x), 15);
    }

    [Theory]
    [InlineData(2.0, 10.0)]
    [InlineData(10.0, -2.0)]
    [InlineData(0.5, 0.5)]
    public void Pow_TypedAndUntyped_MatchMathPow(double x, double y)
    {
        var pow = _libm.Bind("double pow(double x, double y)");
        Assert.Equal(Math.Pow(x, y), pow.AsDelegate<Func<double, double, double>>()(x, y), 15);
        Assert.Equal(Math.Pow(x, y), (double)pow.Invoke(x, y)!, 15);
        Assert.Equal(Math.Pow(x, y), pow.Invoke<double>((int)x == x ? (int)x : x, y), 15); // integers convert
    }

    [Fact]
    public void Sqrtf_Float_RoundTripsSinglePrecision()
    {
        var sqrtf = _libm.Bind("float sqrtf(float x)");
        Assert.Equal(MathF.Sqrt(2f), sqrtf.AsDelegate<Func<float, float>>()(2f));
        Assert.Equal(MathF.Sqrt(2f), (float)sqrtf.Invoke(2f)!);
        Assert.Equal(3f, (float)sqrtf.Invoke(9)!);
    }

    [Fact]
    public void AsDelegate_WrongTypes_ListsEveryMismatch()
    {
        var pow = _libm.Bind("double pow(double x, double y)");
        var e = Assert.Throws<NativeBindingException>(() => pow.AsDelegate<Func<float, int, int>>());
        Assert.Contains("parameter 1 ('arg1') is Single", e.Message);
        Assert.Contains("parameter 2 ('arg2') is Int32", e.Message);
        Assert.Contains("returns Int32", e.Message);
        Assert.Contains("double pow(double x, double y)", e.Message);
        var count = Assert.Throws<NativeBindingException>(() => pow.AsDelegate<Func<double, double>>());
        Assert.Contains("takes 1 parameter(s); the C function takes 2", count.Message);
    }
}
