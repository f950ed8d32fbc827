namespace Relaxnative.Tests.Isolation;

/// <summary>Typed delegates of functions in the helper process: checked like in-process stubs, each call forwarded to the helper.</summary>
public sealed class ForwardingStubsTests
{
    private delegate ulong SumSpan(ReadOnlySpan<byte> data, nuint n);

    private delegate int ApplyManaged(NativeCallback f, int x);

    [Fact]
    public void AsDelegate_RemoteFunction_CallsInHelper()
    {
        using var dispatcher = IsolationFixture.StartProcess();

        var add = dispatcher.Function("int add(int a, int b)").AsDelegate<Func<int, int, int>>();

        Assert.Equal(5, add(2, 3));
        Assert.NotNull(dispatcher.HelperProcessId);
    }

    [Fact]
    public void AsDelegate_RemoteOutputArray_IsCopiedBack()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var data = new byte[300];

        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").AsDelegate<Action<byte[], nuint, byte>>()(data, 300, 9);

        Assert.All(data, b => Assert.Equal(9, b));
    }

    [Fact]
    public void AsDelegate_RemoteNullResultAsNint_IsZero()
    {
        using var dispatcher = IsolationFixture.StartProcess();

        var env = dispatcher.Function("const char* env(const char* name)").AsDelegate<Func<string, nint>>();

        Assert.Equal(0, env("RELAXNATIVE_SURELY_UNSET_VARIABLE"));
    }

    [Fact]
    public void AsDelegate_RemoteSpanParameter_ThrowsNamingIt()
    {
        using var dispatcher = IsolationFixture.StartProcess();

        var e = Assert.Throws<NativeBindingException>(() => dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)").AsDelegate<SumSpan>());

        Assert.Contains("parameter 1 ('data') is ReadOnlySpan`1", e.Message, StringComparison.Ordinal);
        Assert.Contains("pass an array or a NativeBuffer", e.Message, StringComparison.Ordinal);
        Assert.Null(dispatcher.HelperProcessId);
    }

    [Fact]
    public void AsDelegate_RemoteCallbackParameter_ThrowsNamingIt()
    {
        using var dispatcher = IsolationFixture.StartProcess();

        var e = Assert.Throws<NativeBindingException>(() => dispatcher.Function("int apply(int (*f)(int), int x)").AsDelegate<ApplyManaged>());

        Assert.Contains("parameter 1 ('f') is a callback", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsDelegate_RemoteMismatchedType_ListsTheMismatch()
    {
        using var dispatcher = IsolationFixture.StartProcess();

        var e = Assert.Throws<NativeBindingException>(() => dispatcher.Function("int add(int a, int b)").AsDelegate<Func<string, int, int>>());

        Assert.Contains("parameter 1 ('arg1') is String", e.Message, StringComparison.Ordinal);
    }
}
