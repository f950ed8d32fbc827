using Relaxnative.Binding;
using Relaxnative.Signatures;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>
/// Callbacks a library keeps past their end: the process stops with a message naming the callback and the fix
/// instead of jumping into freed code, and the thunks kept for that stay bounded in number.
/// </summary>
public sealed class NativeCallbackTests : IDisposable
{
    private readonly NativeModule _module = NativeFixtures.Open("hardening.c");

    public void Dispose() => _module.Dispose();

    [Fact]
    public void CallScopedDelegate_CalledAfterTheCall_StopsNamingCallbackFunctionAndFix()
    {
        var result = ChildProcess.Run("callback-kept-after-call", arguments: NativeFixtures.Build("hardening.c"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("registered", result.StandardOutput);
        Assert.DoesNotContain("fired=", result.StandardOutput);
        Assert.Contains("argument 1 ('handler') of 'set_handler'", result.StandardError);
        Assert.Contains("NativeCallback.Create", result.StandardError);
        Assert.Contains("after the call it was passed to had returned", result.StandardError);
    }

    [Fact]
    public void DisposedNativeCallback_CalledLater_StopsNamingTheCallback()
    {
        var result = ChildProcess.Run("callback-kept-after-dispose", arguments: NativeFixtures.Build("hardening.c"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("fired=2", result.StandardOutput);
        Assert.DoesNotContain("fired=42", result.StandardOutput);
        Assert.Contains("after it was disposed", result.StandardError);
        Assert.Contains("on_event", result.StandardError);
    }

    [Fact]
    public void CallScopedDelegates_ManyCalls_ReuseABoundedNumberOfThunks()
    {
        var apply = _module.Bind("long apply_many(long (*handler)(long), long value)", new BindOptions());
        for (long i = 0; i < 500; i++)
        {
            long factor = i;
            Assert.Equal(3 * factor, apply.Invoke((Func<long, long>)(x => x * factor), 3L));
        }

        var shape = CallPlanner.Create(CDeclarationParser.Parse("long handler(long x)"));
        Assert.InRange(CallbackThunkPool.CreatedFor(shape), 1, CallbackThunkPool.RetiredKept + 4);
    }

    [Fact]
    public void NativeCallback_KeptByTheLibrary_WorksAcrossCallsUntilDisposed()
    {
        using var callback = NativeCallback.Create("int on_event(int code)", (Func<int, int>)(x => x * 10));
        _module.Bind("void set_handler(int (*handler)(int))").Invoke(callback);
        var fire = _module.Bind<Func<int, int>>("int fire_handler(int value)");
        Assert.Equal(70, fire(7));
        Assert.Equal(90, fire(9));
        _module.Bind("void set_handler(int (*handler)(int))").Invoke((object?)null);
        Assert.Equal(-1, fire(1));
    }
}
