using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>Function pointers C hands back, made callable with FromPointer, in this process.</summary>
public sealed class FunctionPointerTests : IDisposable
{
    private readonly NativeModule _module = NativeFixtures.Load("fnpointers.c", IsolationMode.Worker);

    public void Dispose() => _module.Dispose();

    private NativePointer Op(string name) => _module["get_op"].Invoke<NativePointer>(name);

    [Fact]
    public void FromPointer_PointerType_CallsUntypedAndTyped()
    {
        var add = _module.FromPointer(Op("add"), "int (*)(int, int)");

        Assert.Equal(5, add.Invoke(2, 3));
        Assert.Equal(9, add.AsDelegate<Func<int, int, int>>()(4, 5));
        Assert.False(add.IsRemote);
        Assert.StartsWith("fn_0x", add.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPointer_TypedefNameFromTheSources_ResolvesTheSignature()
    {
        var mul = _module.FromPointer(Op("mul"), "binop_fn");

        Assert.Equal(42, mul.Invoke(6, 7));
        Assert.Equal("int", mul.Signature.ReturnType.Spelling);
    }

    [Fact]
    public void FromPointer_ReturnTypesOwnSignature_AndPassesBackToC()
    {
        var getOp = _module["get_op"];
        var pointer = getOp.Invoke<NativePointer>("mul");

        var mul = _module.FromPointer(pointer, getOp.Signature.ReturnType.Function!);

        Assert.Equal(12, mul.Invoke(3, 4));
        Assert.Equal(20, _module["apply"].Invoke(pointer, 4, 5));
    }

    [Fact]
    public void FromPointer_VtableEntries_EachCallable()
    {
        var calculator = _module["get_calculator"].Invoke<NativePointer>();
        NativePointer Entry(int index) => new(calculator.Read<nint>(index * IntPtr.Size));

        var add = _module.FromPointer(Entry(0), "int add(int a, int b)");
        var mul = _module.FromPointer(Entry(1), "int (*)(int, int)");
        var name = _module.FromPointer(Entry(2), "const char* (*)(void)");
        var sum = _module.FromPointer(Entry(3), "double sum(int n, ...)");

        Assert.Equal("add", add.Name);
        Assert.Equal(-1, add.Invoke(2, -3));
        Assert.Equal(-6, mul.AsDelegate<Func<int, int, int>>()(2, -3));
        Assert.Equal("calc 2.1", name.Invoke());
        Assert.True(sum.IsVariadic);
        Assert.Equal(7.75, sum.Invoke(3, 1.5, 2.25, 4.0));
        Assert.Equal(3.5, sum.AsDelegate<Func<int, double, float, double>>()(2, 1.0, 2.5f));
    }

    [Fact]
    public void FromPointer_LookupByNameAsVoidPointer_Calls()
    {
        var lookup = _module["lookup"];

        var sum = _module.FromPointer(lookup.Invoke<NativePointer>("sum_doubles"), "double (*)(int, ...)");

        Assert.Equal(1.5, sum.Invoke(2, 1.0, 0.5));
    }

    [Fact]
    public void NativeFunctionFromPointer_DlsymResult_CallsLibcFunction()
    {
        using var libc = Native.Open("c");
        var dlsym = libc.Bind("void* dlsym(void* handle, const char* symbol)");

        // RTLD_DEFAULT (NULL): search every loaded object, as GetProcAddress-style plugins do.
        var abs = NativeFunction.FromPointer(dlsym.Invoke<NativePointer>(null, "abs"), "int abs(int)");
        var strlen = NativeFunction.FromPointer(dlsym.Invoke<NativePointer>(null, "strlen"), "size_t (*)(const char*)");

        Assert.Equal(7, abs.Invoke(-7));
        Assert.Equal(7, abs.AsDelegate<Func<int, int>>()(-7));
        Assert.Equal((nuint)5, strlen.Invoke("hello"));
    }

    [Fact]
    public async Task FromPointer_AsyncInWorkerModule_RunsOnTheWorkers()
    {
        var add = _module.FromPointer(Op("add"), "binop_fn", new BindOptions { Mode = ExecutionMode.Async });

        Assert.Equal(11, await add.InvokeAsync(5, 6));
    }

    [Fact]
    public void FromPointer_ModuleDisposed_CallsThrowObjectDisposed()
    {
        var module = NativeFixtures.Load("fnpointers.c", IsolationMode.InProcess);
        var add = module.FromPointer(module["get_op"].Invoke<NativePointer>("add"), "binop_fn");
        var typed = add.AsDelegate<Func<int, int, int>>();
        module.Dispose();

        Assert.Throws<ObjectDisposedException>(() => add.Invoke(1, 2));
        Assert.Throws<ObjectDisposedException>(() => typed(1, 2));
        Assert.Throws<ObjectDisposedException>(() => module.FromPointer(new NativePointer(1), "binop_fn"));
    }

    [Fact]
    public void FromPointer_NullResult_ThrowsNamingNull()
    {
        var missing = _module["get_op"].Invoke<NativePointer>("no_such_op");

        var e = Assert.Throws<ArgumentNullException>(() => _module.FromPointer(missing, "binop_fn"));
        var untied = Assert.Throws<ArgumentNullException>(() => NativeFunction.FromPointer(missing, "int (*)(int, int)"));

        Assert.Null(missing);
        Assert.Equal("pointer", e.ParamName);
        Assert.Contains("NULL result", e.Message, StringComparison.Ordinal);
        Assert.Contains("check the name", untied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPointer_DataAddress_ThrowsNotExecutable()
    {
        var data = _module["data_pointer"].Invoke<NativePointer>();

        var e = Assert.Throws<ArgumentException>(() => _module.FromPointer(data, "int (*)(void)"));
        using var buffer = Native.Alloc(16);
        var heap = Assert.Throws<ArgumentException>(() => NativeFunction.FromPointer(new NativePointer(buffer.Address), "void (*)(void)"));

        Assert.Contains($"0x{data.Address:x}", e.Message, StringComparison.Ordinal);
        Assert.Contains("libfnpointers", e.Message, StringComparison.Ordinal);
        Assert.Contains("not executable", e.Message, StringComparison.Ordinal);
        Assert.Contains("not executable", heap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromPointer_RemotePointerInThisProcess_Throws()
    {
        var remote = NativePointer.Remote(0x1000, "helper generation 1 (pid 1) of another module");

        var e = Assert.Throws<ArgumentException>(() => NativeFunction.FromPointer(remote, "int (*)(int, int)"));

        Assert.Contains("another process", e.Message, StringComparison.Ordinal);
        Assert.Contains("FromPointer of the module that returned it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeFunctionFromPointer_TypedefName_ThrowsPointingToTheModule()
    {
        var e = Assert.Throws<CParseException>(() => NativeFunction.FromPointer(Op("add"), "binop_fn"));

        Assert.Contains("use module.FromPointer", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("int")]
    [InlineData("int (*)(int")]
    [InlineData("no_such_typedef")]
    public void FromPointer_NotAFunctionPointer_ThrowsParseError(string declaration)
    {
        var e = Assert.Throws<CParseException>(() => _module.FromPointer(Op("add"), declaration));

        Assert.Contains("function pointer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeFunctionFromPointer_Async_ThrowsAskingForTheModule()
    {
        var e = Assert.Throws<ArgumentException>(() => NativeFunction.FromPointer(Op("add"), "int (*)(int, int)", new BindOptions { Mode = ExecutionMode.Async }));

        Assert.Equal("options", e.ParamName);
    }
}
