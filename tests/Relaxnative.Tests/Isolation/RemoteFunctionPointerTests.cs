using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

/// <summary>Function pointers a helper process returned: called in that helper, refused anywhere else.</summary>
public sealed class RemoteFunctionPointerTests : IDisposable
{
    private readonly NativeModule _module = NativeFixtures.Load("fnpointers.c", IsolationMode.Process);

    public void Dispose() => _module.Dispose();

    private NativePointer Op(string name) => _module["get_op"].Invoke<NativePointer>(name);

    [Fact]
    public async Task FromPointer_RemotePointer_CallsInTheHelper()
    {
        var pointer = Op("mul");
        var mul = _module.FromPointer(pointer, "binop_fn");
        var sum = _module.FromPointer(_module["lookup"].Invoke<NativePointer>("sum_doubles"), "double (*)(int, ...)");

        Assert.True(pointer.IsRemote);
        Assert.True(mul.IsRemote);
        Assert.Equal(42, mul.Invoke(6, 7));
        Assert.Equal(30, await mul.InvokeAsync(5, 6));
        Assert.Equal(4.5, sum.Invoke(3, 1.0, 1.5, 2.0));
        Assert.Equal(9, _module["apply"].Invoke(pointer, 3, 3)); // and back into C in the same helper
    }

    [Fact]
    public void FromPointer_RemoteDataAddress_HelperRefusesToCallIt()
    {
        var data = _module["data_pointer"].Invoke<NativePointer>();
        var notCode = _module.FromPointer(data, "int (*)(void)");
        int pid = _module.HelperProcessId!.Value;

        var e = Assert.Throws<NativeBindingException>(() => notCode.Invoke());

        Assert.Contains($"0x{data.DangerousGetAddress():x}", e.Message, StringComparison.Ordinal);
        Assert.Contains("not executable", e.Message, StringComparison.Ordinal);
        Assert.Equal(pid, _module.HelperProcessId); // refused in the helper, which did not crash
    }

    [Fact]
    public void FromPointer_LocalPointerInProcessModule_Throws()
    {
        using var local = NativeFixtures.Load("fnpointers.c", IsolationMode.InProcess);
        var pointer = local["get_op"].Invoke<NativePointer>("add");

        var e = Assert.Throws<ArgumentException>(() => _module.FromPointer(pointer, "binop_fn"));

        Assert.Equal("pointer", e.ParamName);
        Assert.Contains("an address in this process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPointer_PointerOfAnotherModulesHelper_Throws()
    {
        using var other = NativeFixtures.Load("fnpointers.c", IsolationMode.Process);
        var pointer = other["get_op"].Invoke<NativePointer>("add");
        Op("add"); // start this module's helper

        var e = Assert.Throws<ArgumentException>(() => _module.FromPointer(pointer, "binop_fn"));
        var inProcess = Assert.Throws<ArgumentException>(() => NativeFunction.FromPointer(pointer, "int (*)(int, int)"));

        Assert.Contains("another helper process", e.Message, StringComparison.Ordinal);
        Assert.Contains(pointer.RemoteOrigin!, e.Message, StringComparison.Ordinal);
        Assert.Contains("another process", inProcess.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_AfterTheHelperRestarted_ThrowsSayingThePointerIsGone()
    {
        var add = _module.FromPointer(Op("add"), "binop_fn");
        Assert.Equal(3, add.Invoke(1, 2));

        Assert.Throws<NativeCrashException>(() => _module["die"].Invoke());
        var e = Assert.Throws<ArgumentException>(() => add.Invoke(1, 2));

        Assert.Contains("earlier helper", e.Message, StringComparison.Ordinal);
        Assert.Contains("Call the function that returned the pointer again", e.Message, StringComparison.Ordinal);
        Assert.Equal(5, _module.FromPointer(Op("add"), "binop_fn").Invoke(2, 3));
    }

    [Fact]
    public void FromPointer_AfterDispose_ThrowsObjectDisposed()
    {
        var module = NativeFixtures.Load("fnpointers.c", IsolationMode.Process);
        var pointer = module["get_op"].Invoke<NativePointer>("add");
        module.Dispose();

        Assert.Throws<ObjectDisposedException>(() => module.FromPointer(pointer, "binop_fn"));
    }
}
