namespace Relaxnative.Tests.Facade;

/// <summary>Opened libraries run Async functions on worker threads, or refuse them: never silently on the caller.</summary>
public sealed class NativeOpenIsolationTests
{
    [Fact]
    public async Task Open_AsyncFunction_InvokeAsyncRunsOnWorkerThread()
    {
        using var libc = Native.Open("c");
        var gettid = libc.Bind("int gettid(void)", new BindOptions { Mode = ExecutionMode.Async });
        int caller = (int)gettid.Invoke()!;

        object? worker = await gettid.InvokeAsync();

        Assert.Equal(IsolationMode.Worker, libc.Isolation);
        Assert.Equal(ExecutionMode.Async, gettid.Mode);
        Assert.NotEqual(caller, worker);
    }

    [Fact]
    public void Open_InProcessWithAsyncBind_ThrowsArgumentNamingFunctionAndFix()
    {
        using var libc = Native.Open("c", new OpenOptions { Isolation = IsolationMode.InProcess });

        var e = Assert.Throws<ArgumentException>(() => libc.Bind("int gettid(void)", new BindOptions { Mode = ExecutionMode.Async }));

        Assert.Contains("'gettid'", e.Message, StringComparison.Ordinal);
        Assert.Contains("IsolationMode.Worker", e.Message, StringComparison.Ordinal);
        Assert.Equal(ExecutionMode.Sync, libc.Bind("int gettid(void)").Mode);
    }

    [Fact]
    public void Open_ProcessIsolation_ThrowsNotSupportedPointingAtLoad()
    {
        var e = Assert.Throws<NotSupportedException>(() => Native.Open("c", new OpenOptions { Isolation = IsolationMode.Process }));
        Assert.Contains("Native.Load", e.Message, StringComparison.Ordinal);
    }
}
