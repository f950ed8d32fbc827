using System.Runtime.InteropServices;
using System.Text;
using Relaxnative.Binding;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class VariadicCallTests : IDisposable
{
    private const string Snprintf = "int snprintf(char* str, size_t size, const char* format, ...)";
    private readonly NativeModule _libc = Native.Open("c");
    private readonly NativeModule _fixture = NativeFixtures.Open("variadics.c");

    public void Dispose()
    {
        _libc.Dispose();
        _fixture.Dispose();
    }

    private delegate int SnprintfDoubles(byte[] buffer, nuint size, string format, double a, float b, short c, bool d, string e);

    [Fact]
    public void Invoke_SnprintfWithDoubles_FormatsAsC()
    {
        var snprintf = _libc.Bind(Snprintf);
        using var buffer = Native.Alloc(128);

        var written = snprintf.Invoke(buffer, (nuint)128, "%.3f|%d|%s|%g|%ld|%c", Math.PI, -42, "naïve", 2.5f, long.MinValue, 'x');

        const string Expected = "3.142|-42|naïve|2.5|-9223372036854775808|x";
        Assert.True(snprintf.IsVariadic);
        Assert.Equal(Encoding.UTF8.GetByteCount(Expected), written);
        Assert.Equal(Expected, buffer.ReadCString());
    }

    [Fact]
    public void AsDelegate_TailFixedByDelegate_PromotesFloatShortAndBool()
    {
        var snprintf = _libc.Bind<SnprintfDoubles>(Snprintf);
        byte[] buffer = new byte[64];

        int written = snprintf(buffer, 64, "%.1f %.2f %d %d %s", 1.5, 0.25f, (short)-7, true, "end");

        Assert.Equal("1.5 0.25 -7 1 end", Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Fact]
    public void Bind_TypedFuncForPrintfShape_CallsWithTheDelegatesTail()
    {
        var format = _fixture.Bind<Func<byte[], nuint, string, int, double, string, int>>("int format_line(char* out, size_t size, const char* format, ...)");
        byte[] buffer = new byte[64];

        int written = format(buffer, 64, "%d:%.2f:%s", 7, 0.5, "ok");

        Assert.Equal("[log] 7:0.50:ok", Encoding.UTF8.GetString(buffer, 0, written));
    }

    [Fact]
    public void Invoke_MixedTail_CalleeReadsEveryTypeWithVaArg()
    {
        var sum = _fixture.Bind("double sum_mixed(const char* kinds, ...)");
        using var buffer = Native.Alloc(8);
        using var callback = NativeCallback.Create("int times100(int x)", (Func<int, int>)(x => x * 100));

        // i 1, u 4000000000, l 2^40, d 0.5, d 2.25f, s 5, p buffer 1000, p null 0, i true 1, i 'A' 65, c 700
        var total = sum.Invoke("iulddsppiic", 1, 4_000_000_000u, 1L << 40, 0.5, 2.25f, "hello", buffer, null, true, 'A', callback);

        Assert.Equal(1 + 4_000_000_000d + (1L << 40) + 0.5 + 2.25 + 5 + 1000 + 0 + 1 + 65 + 700, total);
    }

    [Fact]
    public void Invoke_MoreDoublesAndIntsThanRegisters_SpillsToTheStackLikeC()
    {
        var sum = _fixture.Bind("double sum_mixed(const char* kinds, ...)");
        object?[] args = ["dddddddddddiiiiiiiil", .. Enumerable.Range(1, 11).Select(i => (object?)(i + 0.5)), .. Enumerable.Range(1, 8).Select(i => (object?)i), 100L];

        var total = sum.Invoke(args);

        Assert.Equal(Enumerable.Range(1, 11).Sum(i => i + 0.5) + 36 + 100, total);
    }

    [Fact]
    public void Invoke_CallerSetsAlForTheCallee_OnX64()
    {
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Assert.False(_fixture.TryGetFunction("reported_al", out _)); // the fixture defines it for x86-64 only
            return;
        }

        var reported = _fixture.Bind("int reported_al(int unused, ...)");

        // The bound must be a legal upper bound (0..8) at least as large as the vector registers used.
        Assert.Equal(8, reported.Invoke(0, 1.5, 2.5));
        Assert.Equal(8, reported.Invoke(0));
        Assert.Equal(8, reported.AsDelegate<Func<int, double, int>>()(0, 1.0));
    }

    [Fact]
    public void Invoke_NoTailAndLongTail_SumsWhatWasPassed()
    {
        var sumInts = _fixture.Bind("long sum_ints(int count, ...)");

        Assert.Equal(0L, sumInts.Invoke(0));
        Assert.Equal(55L, sumInts.Invoke([10, .. Enumerable.Range(1, 10).Cast<object?>()]));
        Assert.Equal(-3L, sumInts.Invoke(2, (sbyte)-1, (short)-2));
    }

    [Fact]
    public void Dynamic_VariadicFunction_CallsWithTheGivenTail()
    {
        _fixture.Bind("double sum_mixed(const char* kinds, ...)");
        dynamic module = _fixture.AsDynamic();

        double total = module.sum_mixed("idl", 2, 0.25, 10L);

        Assert.Equal(12.25, total);
    }

    [Fact]
    public void Invoke_TailValueWithoutCType_ThrowsNamingArgumentAndType()
    {
        var sum = _fixture.Bind("double sum_mixed(const char* kinds, ...)");

        var e = Assert.Throws<ArgumentException>(() => sum.Invoke("d", 1.5m));

        Assert.Equal("arg2", e.ParamName);
        Assert.Contains("Argument 2 of 'sum_mixed' matches '...'", e.Message, StringComparison.Ordinal);
        Assert.Contains("Decimal", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_FewerArgumentsThanFixed_ThrowsWithCounts()
    {
        var snprintf = _libc.Bind(Snprintf);

        var e = Assert.Throws<ArgumentException>(() => snprintf.Invoke(new byte[4], (nuint)4));

        Assert.Contains("at least 3 argument(s) before '...', got 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsDelegate_TailParameterWithoutCType_ThrowsListingIt()
    {
        var sum = _fixture.Bind("double sum_mixed(const char* kinds, ...)");

        var e = Assert.Throws<NativeBindingException>(() => sum.AsDelegate<Func<string, object, decimal, double>>());

        Assert.Equal("sum_mixed", e.FunctionName);
        Assert.Contains("Argument 2 of 'sum_mixed' matches '...', and Object has no C type", e.Message, StringComparison.Ordinal);
        Assert.Contains("Argument 3 of 'sum_mixed' matches '...', and Decimal has no C type", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsDelegate_FewerParametersThanFixed_ThrowsDelegateMismatch()
    {
        var snprintf = _libc.Bind(Snprintf);

        var e = Assert.Throws<NativeBindingException>(() => snprintf.AsDelegate<Func<byte[], int>>());

        Assert.Contains("takes 1 parameter(s); the C function takes at least 3 before '...'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_SameShapeTwice_ReusesOneCallShape()
    {
        var sum = _fixture.Bind("double sum_mixed(const char* kinds, ...)");

        Assert.Equal(3.5, sum.Invoke("id", 1, 2.5));
        Assert.Equal(4.5, sum.Invoke("id", (short)2, 2.5f)); // promoted to the same shape (int, double)
        Assert.Equal(5.5, sum.Invoke("di", 2.5, 3)); // another shape: double, int
    }

    [Fact]
    public void Invoke_AfterDispose_ThrowsObjectDisposed()
    {
        var fixture = NativeFixtures.Open("variadics.c");
        var sum = fixture.Bind("double sum_mixed(const char* kinds, ...)");
        var typed = sum.AsDelegate<Func<string, int, double>>();
        fixture.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sum.Invoke("i", 1));
        Assert.Throws<ObjectDisposedException>(() => typed("i", 1));
    }

    [Fact]
    public void VariadicThunks_SameTarget_SameThunkNeverWritable()
    {
        nint target = _fixture.Bind("double sum_mixed(const char* kinds, ...)").Address;
        nint first = VariadicThunks.For(target);

        Assert.Equal(first, VariadicThunks.For(target));
        if (VariadicThunks.NeedsThunk)
        {
            Assert.NotEqual(target, first);
            var mapping = File.ReadLines("/proc/self/maps").Select(MapsLine.Parse).Single(m => m.Start <= first && first < m.End);
            Assert.Equal("r-xp", mapping.Permissions);
        }
    }

    private sealed record MapsLine(nint Start, nint End, string Permissions)
    {
        public static MapsLine Parse(string line)
        {
            var fields = line.Split(' ', 3);
            var range = fields[0].Split('-');
            return new MapsLine((nint)Convert.ToInt64(range[0], 16), (nint)Convert.ToInt64(range[1], 16), fields[1]);
        }
    }
}
