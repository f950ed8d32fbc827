using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade;

public sealed class NativeVariableTests
{
    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Worker)]
    public void GetVariable_DeclaredInSource_ReadsAndWritesWhatTheLibrarySees(IsolationMode isolation)
    {
        using var module = NativeFixtures.Load("globals.c", isolation);
        var errors = module.GetVariable("lib_error_count");
        Assert.Equal("int", errors.Type.Spelling);
        Assert.Equal(4, errors.SizeInBytes);
        Assert.Equal(4, errors.Pointer.Size);
        int before = errors.Read<int>();
        module["lib_fail"].Invoke();
        Assert.Equal(before + 1, errors.Read<int>());

        errors.Write(41);
        Assert.Equal(41, module["lib_errors"].Invoke());

        var scale = module.GetVariable("lib_scale");
        scale.Write(2.0);
        Assert.Equal(6.0, module["lib_scaled"].Invoke(3.0));
    }

    [Fact]
    public void GetVariable_Array_IsSizedAndIndexedWithBoundsChecks()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var history = module.GetVariable("lib_history");
        Assert.Equal(4, history.ElementCount);
        Assert.Equal(32, history.SizeInBytes);
        Assert.Equal(30L, history.Read<long>(2));
        history.Write(100L, 3);
        Assert.Equal(160L, module["lib_history_sum"].Invoke());

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => history.Read<long>(4));
        Assert.Equal(4L, e.ActualValue);
        Assert.Contains("4 element(s)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => history.Pointer.Read<long>(32));
    }

    [Fact]
    public void GetVariable_PointerVariable_ReadsAsAddress()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var version = module.GetVariable("lib_version");
        nint text = version.Read<nint>();
        Assert.Equal("2.4.1", new NativePointer(text).ReadCString());
    }

    [Fact]
    public void Read_WrongDotNetType_ThrowsNamingBothTypes()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var errors = module.GetVariable("lib_error_count");
        var e = Assert.Throws<ArgumentException>(() => errors.Read<long>());
        Assert.Contains("'lib_error_count' is C 'int' (4 bytes)", e.Message, StringComparison.Ordinal);
        Assert.Contains("Int64 (8 bytes)", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => errors.Read<float>());
        Assert.Equal((uint)errors.Read<int>(), errors.Read<uint>());
    }

    [Fact]
    public void Write_ConstVariable_IsRefused()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var table = module.GetVariable("lib_crc_table");
        Assert.Equal(8, table.ElementCount);
        Assert.Equal((byte)8, table.Read<byte>(7));
        var e = Assert.Throws<InvalidOperationException>(() => table.Write((byte)0, 0));
        Assert.Contains("'lib_crc_table'", e.Message, StringComparison.Ordinal);
        Assert.Contains("const", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetVariable_UnknownName_ListsDeclaredVariables()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var e = Assert.Throws<KeyNotFoundException>(() => module.GetVariable("lib_missing"));
        Assert.Contains("'lib_missing'", e.Message, StringComparison.Ordinal);
        Assert.Contains("lib_error_count", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("lib_hidden_state", e.Message, StringComparison.Ordinal);
        Assert.Contains("GetVariable(\"extern int lib_missing\")", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetVariable_StaticVariable_IsNotExported()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var e = Assert.Throws<NativeBindingException>(() => module.GetVariable("lib_hidden_state"));
        Assert.Contains("lib_hidden_state", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetVariable_DeclarationOnOpenedLibrary_UsesTheGivenType()
    {
        using var module = NativeFixtures.Open("globals.c");
        Assert.Throws<KeyNotFoundException>(() => module.GetVariable("lib_scale"));
        var scale = module.GetVariable("extern double lib_scale");
        Assert.Equal(1.5, scale.Read<double>());
        var history = module.GetVariable("long lib_history[4]");
        Assert.Equal(10L, history.Read<long>(0));

        var bad = Assert.Throws<CParseException>(() => module.GetVariable("int lib_errors(void)"));
        Assert.Contains("declares a function", bad.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<NativeBindingException>(() => module.GetVariable("extern int lib_not_there"));
        Assert.Contains("lib_not_there", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetVariable_LibcHeader_ReadsGetoptState()
    {
        using var libc = Native.Open("libc.so.6", new OpenOptions { Headers = ["getopt.h"] });
        var opterr = libc.GetVariable("opterr");
        Assert.Equal("int", opterr.Type.Spelling);
        Assert.Equal(1, opterr.Read<int>());
    }

    [Fact]
    public void GetVariable_ProcessIsolation_ThrowsWithTheFix()
    {
        using var module = NativeFixtures.Load("globals.c", IsolationMode.Process);
        var e = Assert.Throws<InvalidOperationException>(() => module.GetVariable("lib_error_count"));
        Assert.Contains("IsolationMode.Process", e.Message, StringComparison.Ordinal);
        Assert.Contains("IsolationMode.Worker", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AfterModuleDisposed_ThrowsObjectDisposed()
    {
        var module = NativeFixtures.Load("globals.c", IsolationMode.InProcess);
        var errors = module.GetVariable("lib_error_count");
        module.Dispose();
        Assert.Throws<ObjectDisposedException>(() => errors.Read<int>());
        Assert.Throws<ObjectDisposedException>(() => errors.Pointer);
        Assert.Throws<ObjectDisposedException>(() => module.GetVariable("lib_error_count"));
    }
}
