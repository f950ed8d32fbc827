using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>BindOptions.CaptureErrno in every isolation mode, with libc's own open and a fixture that sets errno.</summary>
public sealed class ErrnoCaptureTests
{
    private const int Enoent = 2;
    private const string Missing = "/nonexistent-relaxnative/missing.txt";
    private const string OpenDeclaration = "int open(const char* path, int flags, ...)";
    private static readonly BindOptions Capture = new() { CaptureErrno = true };

    [Fact]
    public void Invoke_OpenMissingFileInProcess_LastErrnoIsEnoent()
    {
        using var libc = Native.Open("c", new OpenOptions { Isolation = IsolationMode.InProcess });
        using var fixture = NativeFixtures.Open("errno.c");
        var failWith = fixture.Bind("int fail_with(int code)", Capture);
        var open = libc.Bind(OpenDeclaration, Capture);

        Assert.Equal(-1, failWith.Invoke(77));
        Assert.Equal(77, NativeFunction.LastErrno);
        Assert.Equal(-1, open.Invoke(Missing, 0));
        Assert.Equal(Enoent, NativeFunction.LastErrno);
    }

    [Fact]
    public void AsDelegate_CaptureErrno_TypedStubSavesErrno()
    {
        using var module = NativeFixtures.Open("errno.c");
        var failWith = module.Bind<Func<int, int>>("int fail_with(int code)", Capture);
        var openRead = module.Bind<Func<string, int>>("int open_read(const char* path)", Capture);

        Assert.Equal(-1, failWith(91));
        Assert.Equal(91, NativeFunction.LastErrno);
        Assert.Equal(-1, openRead(Missing));
        Assert.Equal(Enoent, NativeFunction.LastErrno);
    }

    private delegate int FailWithErrno(int code, out int errno);

    private delegate int OpenWithErrno(string path, int flags, out int errno);

    [Fact]
    public void AsDelegate_ErrnoOutParameter_ReceivesErrnoAndLeavesLastErrno()
    {
        using var module = NativeFixtures.Open("errno.c");
        module.Bind("int fail_with(int code)", Capture).Invoke(5);
        var failWith = module.Bind<FailWithErrno>("int fail_with(int code)", Capture);

        int result = failWith(91, out int errno);

        Assert.Equal(-1, result);
        Assert.Equal(91, errno);
        Assert.Equal(5, NativeFunction.LastErrno);
    }

    [Fact]
    public void AsDelegate_ErrnoOutParameterOnVariadicOpen_ReceivesEnoent()
    {
        using var libc = Native.Open("c", new OpenOptions { Isolation = IsolationMode.InProcess });
        var open = libc.Bind<OpenWithErrno>(OpenDeclaration, Capture);

        Assert.Equal(-1, open(Missing, 0, out int errno));
        Assert.Equal(Enoent, errno);
    }

    [Fact]
    public void AsDelegate_ErrnoOutParameterWithoutCaptureErrno_ThrowsNamingTheOption()
    {
        using var module = NativeFixtures.Open("errno.c");

        var e = Assert.Throws<NativeBindingException>(() => module.Bind<FailWithErrno>("int fail_with(int code)"));

        Assert.Contains("'errno'", e.Message);
        Assert.Contains("BindOptions.CaptureErrno = true", e.Message);
    }

    [Fact]
    public void Invoke_WithoutCaptureErrno_LeavesLastErrnoUnchanged()
    {
        using var module = NativeFixtures.Open("errno.c");
        var capturing = module.Bind("int fail_with(int code)", Capture);
        capturing.Invoke(33);
        var plain = NativeFixtures.Open("errno.c");
        using (plain)
        {
            plain.Bind("int fail_with(int code)").Invoke(44);
            plain.Bind<Func<int, int>>("int fail_with(int code)")(45);
        }

        Assert.Equal(33, NativeFunction.LastErrno);
    }

    [Fact]
    public void LastErrno_IsPerThread()
    {
        using var module = NativeFixtures.Open("errno.c");
        module.Bind("int fail_with(int code)", Capture).Invoke(12);
        int onOtherThread = -1;
        var thread = new Thread(() => onOtherThread = NativeFunction.LastErrno);
        thread.Start();
        thread.Join();

        Assert.Equal(12, NativeFunction.LastErrno);
        Assert.Equal(0, onOtherThread);
    }

    [Fact]
    public void Capture_FirstCallOnEachThread_ReadsThatThreadsOwnErrno()
    {
        // Stubs save each thread's errno address before the call: a second thread must read its own errno, never the
        // first thread's, on its very first captured call, through every stub kind.
        using var module = NativeFixtures.Open("errno.c");
        var untyped = module.Bind("int fail_with(int code)", Capture);
        var typed = untyped.AsDelegate<Func<int, int>>();
        var withOut = untyped.AsDelegate<FailWithErrno>();
        untyped.Invoke(11);

        int[] seen = new int[3];
        var thread = new Thread(() =>
        {
            untyped.Invoke(21);
            seen[0] = NativeFunction.LastErrno;
            typed(22);
            seen[1] = NativeFunction.LastErrno;
            withOut(23, out seen[2]);
        });
        thread.Start();
        thread.Join();

        Assert.Equal([21, 22, 23], seen);
        Assert.Equal(11, NativeFunction.LastErrno);
    }

    [Fact]
    public async Task InvokeAsync_WorkerThread_CarriesErrnoToTheContinuation()
    {
        using var module = NativeFixtures.Load("errno.c", IsolationMode.Worker);
        // libc's open (variadic), found through the fixture's dependencies.
        var open = module.Bind(OpenDeclaration, Capture with { Mode = ExecutionMode.Async });
        var failWith = module.Bind("int fail_with(int code)", Capture with { Mode = ExecutionMode.Async });

        // The continuation runs inline where the call completed: on the worker, not on this thread.
        Assert.Equal(Enoent, await ErrnoSeenByContinuationElsewhere(() => open.InvokeAsync(Missing, 0)));

        // A synchronous call of the same module runs on the caller and sets its errno.
        Assert.Equal(-1, failWith.Invoke(66));
        Assert.Equal(66, NativeFunction.LastErrno);
    }

    [Fact]
    public async Task Invoke_ProcessIsolation_CarriesErrnoBackFromTheHelper()
    {
        using var module = NativeFixtures.Load("errno.c", IsolationMode.Process);
        var failWith = module.Bind("int fail_with(int code)", Capture);
        // libc's open, found through the fixture's dependencies in the helper; variadic.
        var open = module.Bind(OpenDeclaration, Capture);

        Assert.Equal(-1, failWith.Invoke(29));
        Assert.Equal(29, NativeFunction.LastErrno);
        Assert.Equal(-1, open.Invoke(Missing, 0));
        Assert.Equal(Enoent, NativeFunction.LastErrno);
        Assert.Equal(57, await ErrnoSeenByContinuationElsewhere(() => failWith.InvokeAsync(57)));
    }

    /// <summary>
    /// The errno a continuation sees when it runs inline on the thread that completed <paramref name="call"/>. A call that
    /// finishes before its continuation is attached runs the continuation here instead (seeing this thread's errno), so
    /// this tries until one ran elsewhere, and fails if none did.
    /// </summary>
    private static async Task<int> ErrnoSeenByContinuationElsewhere(Func<Task> call)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var here = Environment.CurrentManagedThreadId;
            var (errno, thread) = await call()
                .ContinueWith(_ => (NativeFunction.LastErrno, Environment.CurrentManagedThreadId), TaskContinuationOptions.ExecuteSynchronously);
            if (thread != here)
            {
                return errno;
            }
        }

        Assert.Fail("In 50 calls, no continuation ran on the thread that completed the call.");
        return 0;
    }

    [Fact]
    public void Invoke_ProcessIsolationWithoutCapture_LeavesLastErrnoUnchanged()
    {
        using var module = NativeFixtures.Load("errno.c", IsolationMode.Process);
        module.Bind("int fail_with(int code)", Capture).Invoke(8);
        module.Bind("int open_read(const char* path)").Invoke(Missing);

        Assert.Equal(8, NativeFunction.LastErrno);
    }
}
