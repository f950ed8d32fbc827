using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>
/// A remote pointer is an address in a helper process; dereferenced in this process it would crash it. Every
/// in-process call path refuses one, forged or real, before the native call.
/// </summary>
public sealed class RemotePointerArgumentTests : IDisposable
{
    private delegate int FirstInt(NativePointer? values);

    private delegate int ApplyNow(NativePointer? handler, int value);

    private static readonly NativePointer s_forged = NativePointer.Remote(0x1000, "helper 4242 of libforged.so");

    private readonly NativeModule _module = NativeFixtures.Open("hardening.c");

    public void Dispose() => _module.Dispose();

    private static void AssertRemoteError(ArgumentException e, string function, string parameter, int position)
    {
        Assert.Contains($"'{function}'", e.Message);
        Assert.Contains($"Argument {position} ('{parameter}')", e.Message);
        Assert.Contains("helper 4242 of libforged.so", e.Message);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void Invoke_RemotePointer_ThrowsNamingFunctionParameterAndOrigin()
    {
        var function = _module.Bind("int first_int(const int* values)");
        AssertRemoteError(Assert.Throws<ArgumentException>(() => function.Invoke(s_forged)), "first_int", "values", 1);
    }

    [Fact]
    public void TypedDelegate_RemotePointer_Throws()
    {
        var firstInt = _module.Bind<FirstInt>("int first_int(const int* values)");
        using var buffer = Native.Alloc(sizeof(int));
        buffer.Write(0, 17);
        Assert.Equal(17, firstInt(buffer.AsPointer()));
        AssertRemoteError(Assert.Throws<ArgumentException>(() => firstInt(s_forged)), "first_int", "values", 1);
    }

    [Fact]
    public void PointerTable_RemoteEntry_Throws()
    {
        var function = _module.Bind("int sum_firsts(const int** blocks, int count)");
        using var buffer = Native.Alloc(sizeof(int));
        buffer.Write(0, 4);
        Assert.Equal(8, function.Invoke(new[] { buffer.AsPointer(), buffer.AsPointer() }, 2));
        AssertRemoteError(Assert.Throws<ArgumentException>(() => function.Invoke(new[] { buffer.AsPointer(), s_forged }, 2)),
            "sum_firsts", "blocks", 1);
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void FunctionPointer_RemotePointer_ThrowsOnBothPaths()
    {
        var function = _module.Bind("int apply_now(int (*handler)(int), int value)");
        AssertRemoteError(Assert.Throws<ArgumentException>(() => function.Invoke(s_forged, 1)), "apply_now", "handler", 1);
        var typed = function.AsDelegate<ApplyNow>();
        AssertRemoteError(Assert.Throws<ArgumentException>(() => typed(s_forged, 1)), "apply_now", "handler", 1);
    }

    [Fact]
    public void Dynamic_RemotePointer_Throws()
    {
        _module.Bind("int first_int(const int* values)");
        dynamic native = _module.AsDynamic();
        AssertRemoteError(Assert.Throws<ArgumentException>(() => (object)native.first_int(s_forged)), "first_int", "values", 1);
    }

    [Fact]
    public async Task WorkerQueue_RemotePointer_Throws()
    {
        using var module = NativeFixtures.Load("hardening.c", IsolationMode.Worker);
        var function = module.Bind("int first_int(const int* values)", new BindOptions { Mode = ExecutionMode.Async });
        Assert.NotNull(function.Dispatcher);
        AssertRemoteError(await Assert.ThrowsAsync<ArgumentException>(() => function.InvokeAsync(s_forged)), "first_int", "values", 1);
    }

    [Fact]
    public void PointerFromHelperProcess_PassedToInProcessModule_ThrowsWithItsOrigin()
    {
        using var remote = NativeFixtures.Load("hardening.c", IsolationMode.Process);
        var values = Assert.IsType<NativePointer>(remote["shared_values"].Invoke());
        Assert.True(values.IsRemote);
        Assert.Equal(7, remote["first_int"].Invoke(values));

        var function = _module.Bind("int first_int(const int* values)");
        var e = Assert.Throws<ArgumentException>(() => function.Invoke(values));
        Assert.Contains(values.RemoteOrigin!, e.Message);
        Assert.Contains("Argument 1 ('values') of 'first_int'", e.Message);
    }
}
