namespace Relaxnative.Tests.Isolation;

/// <summary>Any fatal signal during a call in the helper is a crash, raised or not, and nothing is copied back.</summary>
public sealed class FatalSignalTests
{
    [Theory]
    [InlineData(11, "SIGSEGV")]
    [InlineData(7, "SIGBUS")]
    [InlineData(4, "SIGILL")]
    [InlineData(8, "SIGFPE")]
    [InlineData(5, "SIGTRAP")]
    [InlineData(6, "SIGABRT")]
    [InlineData(13, "SIGPIPE")]
    [InlineData(15, "SIGTERM")]
    public void Invoke_RaisedSignalInFreshHelper_ThrowsCrashAndCopiesNothingBack(int signal, string name)
    {
        using var dispatcher = IsolationFixture.StartProcess();
        using var buffer = Native.Alloc(64);
        var array = new byte[64];
        var raise = dispatcher.Function("int raise_after_half(uint8_t* out, size_t n, int sig)");

        var e = Assert.Throws<NativeCrashException>(() => raise.Invoke(buffer, 64UL, signal));
        Assert.Equal(name, e.Signal);
        Assert.Equal("raise_after_half", e.FunctionName);
        Assert.All(buffer.ToArray(), b => Assert.Equal(0, b));
        Assert.Equal(0, buffer.LeaseCount);

        Assert.Throws<NativeCrashException>(() => raise.Invoke(array, 64UL, signal));
        Assert.All(array, b => Assert.Equal(0, b));
        Assert.Equal(3, dispatcher.Function("int add(int a, int b)").Invoke(1, 2));
    }
}
