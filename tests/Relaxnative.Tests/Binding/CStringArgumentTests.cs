using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>A string with an embedded NUL would reach C cut short; every call path refuses it instead.</summary>
public sealed class CStringArgumentTests : IDisposable
{
    private const string WithNul = "admin\0--ignored";

    private delegate nuint NameLength(string name);

    private readonly NativeModule _module = NativeFixtures.Open("hardening.c");

    public void Dispose() => _module.Dispose();

    private static void AssertNulError(ArgumentException e)
    {
        Assert.Contains("'name_length'", e.Message);
        Assert.Contains("Argument 1 ('name')", e.Message);
        Assert.Contains("embedded NUL at index 5", e.Message);
        Assert.Equal("name", e.ParamName);
    }

    [Fact]
    public void Invoke_StringWithoutNul_PassesWholeString()
    {
        Assert.Equal((nuint)5, _module.Bind("size_t name_length(const char* name)").Invoke("admin"));
    }

    [Fact]
    public void Invoke_EmbeddedNul_ThrowsNamingFunctionParameterAndIndex()
    {
        var function = _module.Bind("size_t name_length(const char* name)");
        AssertNulError(Assert.Throws<ArgumentException>(() => function.Invoke(WithNul)));
        AssertNulError(Assert.Throws<ArgumentException>(() => function.Invoke<nuint>(WithNul)));
    }

    [Fact]
    public void TypedDelegate_EmbeddedNul_ThrowsNamingFunctionParameterAndIndex()
    {
        var nameLength = _module.Bind<NameLength>("size_t name_length(const char* name)");
        Assert.Equal((nuint)5, nameLength("admin"));
        AssertNulError(Assert.Throws<ArgumentException>(() => nameLength(WithNul)));
    }

    [Fact]
    public void Dynamic_EmbeddedNul_Throws()
    {
        _module.Bind("size_t name_length(const char* name)");
        dynamic native = _module.AsDynamic();
        AssertNulError(Assert.Throws<ArgumentException>(() => (object)native.name_length(WithNul)));
    }

    [Fact]
    public async Task WorkerQueue_EmbeddedNul_Throws()
    {
        using var module = NativeFixtures.Load("hardening.c", IsolationMode.Worker);
        var function = module["name_length"];
        Assert.NotNull(function.Dispatcher);
        Assert.Equal((nuint)5, await function.InvokeAsync<nuint>("admin"));
        AssertNulError(await Assert.ThrowsAsync<ArgumentException>(() => function.InvokeAsync("admin\0--ignored")));
    }

    [Fact]
    public void ProcessMode_EmbeddedNul_Throws()
    {
        using var module = NativeFixtures.Load("hardening.c", IsolationMode.Process);
        var function = module["name_length"];
        Assert.Equal((nuint)5, function.Invoke("admin"));
        AssertNulError(Assert.Throws<ArgumentException>(() => function.Invoke(WithNul)));
    }
}
