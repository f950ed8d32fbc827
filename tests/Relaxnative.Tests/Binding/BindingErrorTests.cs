using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class BindingErrorTests : IDisposable
{
    private readonly NativeModule _types = NativeFixtures.Open("types.c");

    public void Dispose() => _types.Dispose();

    [Fact]
    public void Open_Missing_ListsEveryPathTriedWithLoaderError()
    {
        var e = Assert.Throws<NativeLibraryNotFoundException>(() => Native.Open("relaxnative_does_not_exist"));
        Assert.Equal("relaxnative_does_not_exist", e.Library);
        Assert.Contains(e.Attempts, a => a.Candidate == "relaxnative_does_not_exist");
        Assert.Contains(e.Attempts, a => a.Candidate == "librelaxnative_does_not_exist.so");
        Assert.All(e.Attempts, a => Assert.False(string.IsNullOrWhiteSpace(a.Error)));
        Assert.Contains("librelaxnative_does_not_exist.so", e.Message);
        Assert.Contains("LD_DEBUG", e.Message);
        Assert.IsAssignableFrom<DllNotFoundException>(e);
    }

    [Fact]
    public void Bind_LongDoubleByValue_ThrowsNamingFunctionParameterTypeAndFix()
    {
        using var libm = Native.Open("m");

        var e = Assert.Throws<NativeBindingException>(() => libm.Bind("long double fabsl(long double x)"));

        Assert.Equal("fabsl", e.FunctionName);
        var parameter = Assert.Single(e.Problems, p => p.StartsWith("parameter 1 ('x')", StringComparison.Ordinal));
        Assert.Contains("C 'long double' has no .NET equivalent", parameter, StringComparison.Ordinal);
        Assert.Contains("Pass a pointer ('long double*')", parameter, StringComparison.Ordinal);
        Assert.DoesNotContain("no definition of it is known", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_UnsignedInt128Result_ThrowsNamingTheType()
    {
        using var libm = Native.Open("m");

        var e = Assert.Throws<NativeBindingException>(() => libm.Bind("unsigned __int128 wide(void)"));

        Assert.Contains("C 'unsigned __int128' has no .NET equivalent", Assert.Single(e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PathThatIsNotALibrary_ReportsLoaderError()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not an ELF file");
            var e = Assert.Throws<NativeLibraryNotFoundException>(() => Native.Open(path));
            Assert.Single(e.Attempts);
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bind_MissingSymbol_ThrowsBindingErrorNamingSymbolAndLibrary()
    {
        var e = Assert.Throws<NativeBindingException>(() => _types.Bind("int no_such_function(int x)"));
        Assert.Equal("no_such_function", e.FunctionName);
        Assert.Contains(_types.LibraryPath, e.Message);
        Assert.Contains("nm -D", e.Message);
    }

    [Fact]
    public void Bind_StructByValueInVariadic_ListsEveryProblemAtOnce()
    {
        var e = Assert.Throws<NativeBindingException>(() => _types.Bind("struct point mix(struct point p, int n, ...)"));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("return type", StringComparison.Ordinal));
        // The library was opened without sources or headers: the record's definition is unknown, and the fix says where it comes from.
        Assert.Contains(e.Problems, p => p.Contains("parameter 1 ('p')", StringComparison.Ordinal) && p.Contains("OpenOptions.Headers", StringComparison.Ordinal));
    }

    [Fact]
    public void Bind_BadDeclaration_ThrowsParseErrorWithColumn()
    {
        var e = Assert.Throws<CParseException>(() => _types.Bind("int add(int a,, int b)"));
        Assert.True(e.Column > 0);
    }

    [Fact]
    public void Invoke_WrongArgumentCount_NamesExpectedAndActual()
    {
        var add = _types.Bind("int add(int a, int b)");
        var e = Assert.Throws<ArgumentException>(() => add.Invoke(1));
        Assert.Contains("'add' takes 2 argument(s), got 1", e.Message);
        Assert.Throws<ArgumentException>(() => add.Invoke(1, 2, 3));
    }

    [Theory]
    [InlineData("uint8_t echo_u8(uint8_t v)", 300, "expected byte (C 'uint8_t'), got Int32 300")]
    [InlineData("uint8_t echo_u8(uint8_t v)", -1, "got Int32 -1")]
    [InlineData("int echo_int(int v)", 3_000_000_000L, "expected int (C 'int'), got Int64 3000000000")]
    [InlineData("uint32_t echo_u32(uint32_t v)", -1, "expected uint (C 'uint32_t')")]
    [InlineData("int echo_int(int v)", "12", "got String")]
    [InlineData("int echo_int(int v)", 1.5, "got Double 1.5")]
    [InlineData("double echo_double(double v)", "1.5", "got String")]
    [InlineData("bool not_bool(bool v)", 1, "expected bool (C 'bool'), got Int32 1")]
    public void Invoke_ValueThatDoesNotFit_UsesTheOneTemplate(string declaration, object value, string fragment)
    {
        var function = _types.Bind(declaration);
        var e = Assert.Throws<ArgumentException>(() => function.Invoke(value));
        Assert.Contains($"Argument 1 ('v') of '{function.Name}'", e.Message);
        Assert.Contains(fragment, e.Message);
        Assert.Equal("v", e.ParamName);
    }

    [Fact]
    public void Invoke_StringForWritableCharPointer_IsRejectedWithFix()
    {
        using var libc = Native.Open("c");
        var strcpy = libc.Bind("char* strcpy(char* dest, const char* src)");
        var e = Assert.Throws<ArgumentException>(() => strcpy.Invoke("destination", "source"));
        Assert.Contains("Argument 1 ('dest') of 'strcpy'", e.Message);
        Assert.Contains("NativeBuffer", e.Message);
    }

    [Fact]
    public void Invoke_NonPointerObjectForPointer_IsRejected()
    {
        var sum = _types.Bind("int64_t sum_i32(const int32_t* values, size_t n)");
        var e = Assert.Throws<ArgumentException>(() => sum.Invoke(new object(), (nuint)0));
        Assert.Contains("Argument 1 ('values') of 'sum_i32': expected a pointer", e.Message);
        Assert.Contains("got Object", e.Message);
    }

    [Fact]
    public void Indexer_UnknownName_ListsBoundFunctions()
    {
        _types.Bind("int add(int a, int b)");
        _types.Bind("void noop(void)");
        Assert.Same(_types["add"], _types["add"]);
        var e = Assert.Throws<KeyNotFoundException>(() => _types["subtract"]);
        Assert.Contains("subtract", e.Message);
        Assert.Contains("add, noop", e.Message);
        Assert.False(_types.TryGetFunction("subtract", out _));
    }

    [Fact]
    public void Invoke_TypedResultOfWrongType_ThrowsInvalidCast()
    {
        var greeting = _types.Bind("const char* greeting(void)");
        var e = Assert.Throws<InvalidCastException>(() => greeting.Invoke<int>());
        Assert.Contains("'greeting' returned C 'const char*'", e.Message);
    }

    [Fact]
    public void Open_Declarations_AreBoundAtOpen()
    {
        using var module = Native.Open(_types.LibraryPath, new OpenOptions { Declarations = ["int add(int a, int b)", "void noop(void)"] });
        Assert.Equal(["add", "noop"], module.Functions.Select(f => f.Name));
        Assert.Equal(5, module["add"].Invoke(2, 3));
        Assert.Throws<NativeBindingException>(() => Native.Open(_types.LibraryPath, new OpenOptions { Declarations = ["int missing(void)"] }));
    }

    [Fact]
    public async Task InvokeAsync_RunsAndFaultsLikeInvoke()
    {
        var add = _types.Bind("int add(int a, int b)");
        Assert.Equal(7, await add.InvokeAsync<int>(3, 4));
        Assert.Equal(7, await add.InvokeAsync(3, 4));
        await Assert.ThrowsAsync<ArgumentException>(() => add.InvokeAsync(1));
    }
}
