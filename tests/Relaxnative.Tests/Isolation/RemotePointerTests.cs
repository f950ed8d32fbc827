using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

/// <summary>A pointer returned by a helper belongs to that helper generation of that module, and nowhere else.</summary>
public sealed class RemotePointerTests
{
    [Fact]
    public void Invoke_PointerFromSameHelper_Accepted()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var counter = Assert.IsType<NativePointer>(dispatcher.Function("struct counter* counter_new(void)").Invoke());
        var next = dispatcher.Function("int counter_next(struct counter* c)");

        Assert.Equal(1, next.Invoke(counter));
        Assert.Equal(2, next.Invoke(counter));
        Assert.Equal(dispatcher.Origin, counter.RemoteOrigin);
        Assert.Contains($"pid {dispatcher.HelperProcessId}", counter.RemoteOrigin, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_PointerFromAnotherModuleOfSameLibrary_ThrowsArgumentNamingOrigin()
    {
        using var first = IsolationFixture.StartProcess();
        using var second = IsolationFixture.StartProcess();
        var counter = Assert.IsType<NativePointer>(first.Function("struct counter* counter_new(void)").Invoke());
        var next = second.Function("int counter_next(struct counter* c)");
        Assert.Equal(first.LibraryPath, second.LibraryPath);

        var e = Assert.Throws<ArgumentException>(() => next.Invoke(counter));

        Assert.Contains("'counter_next'", e.Message, StringComparison.Ordinal);
        Assert.Contains("('c')", e.Message, StringComparison.Ordinal);
        Assert.Contains(first.Origin, e.Message, StringComparison.Ordinal);
        Assert.Contains("another helper", e.Message, StringComparison.Ordinal);
        Assert.NotNull(second.HelperProcessId); // refused before anything reached the helper, which is still alive
    }

    [Fact]
    public void Invoke_PointerFromHelperThatCrashed_ThrowsArgumentSayingHandleIsGone()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var counter = Assert.IsType<NativePointer>(dispatcher.Function("struct counter* counter_new(void)").Invoke());
        string before = dispatcher.Origin;
        Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(1));
        var next = dispatcher.Function("int counter_next(struct counter* c)");

        var e = Assert.Throws<ArgumentException>(() => next.Invoke(counter));

        Assert.Contains("'counter_next'", e.Message, StringComparison.Ordinal);
        Assert.Contains("('c')", e.Message, StringComparison.Ordinal);
        Assert.Contains(before, e.Message, StringComparison.Ordinal);
        Assert.Contains("restarted", e.Message, StringComparison.Ordinal);
        Assert.Contains("handle is gone", e.Message, StringComparison.Ordinal);
        Assert.NotEqual(before, dispatcher.Origin);
    }

    [Fact]
    public void Invoke_OffsetOfPointerFromDeadHelper_StillRefused()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var counter = Assert.IsType<NativePointer>(dispatcher.Function("struct counter* counter_new(void)").Invoke());
        Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(1));

        var moved = counter.Offset(0);

        Assert.True(moved.IsRemote);
        Assert.Equal(counter.RemoteOrigin, moved.RemoteOrigin);
        Assert.Throws<ArgumentException>(() => dispatcher.Function("int counter_next(struct counter* c)").Invoke(moved));
    }

    [Fact]
    public void Invoke_ForgedRemotePointer_ThrowsArgumentNotCrash()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var next = dispatcher.Function("int counter_next(struct counter* c)");

        var e = Assert.Throws<ArgumentException>(() => next.Invoke(NativePointer.Remote(0x1000, "x")));

        Assert.Contains("(x)", e.Message, StringComparison.Ordinal);
    }
}
