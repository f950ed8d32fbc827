using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

public class SourceScannerTests
{
    [Fact]
    public void Scan_BothSyncAndAsync_SkipsNamingFunction()
    {
        var result = CPipeline.Scan("// @sync @async\nint both(void) { return 0; }\n", isCpp: false);

        Assert.Empty(result.Functions);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("both", skipped.Name);
        Assert.Contains("'both'", skipped.Reason, StringComparison.Ordinal);
        Assert.Contains("@sync and @async", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_UnknownCost_Skips()
    {
        var result = CPipeline.Scan("// @cost huge\nint f(void) { return 0; }\n", isCpp: false);

        Assert.Contains("huge", Assert.Single(result.Skipped).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_BlankLineAfterComment_BreaksAssociation()
    {
        var result = CPipeline.Scan("// @async\n\nint f(void) { return 0; }\n", isCpp: false);

        Assert.Null(Assert.Single(result.Functions).Mode);
    }

    [Fact]
    public void Scan_Trivial_IsRead()
    {
        var result = CPipeline.Scan("/* @trivial */\nint f(void) { return 0; }\n", isCpp: false);

        Assert.True(Assert.Single(result.Functions).IsTrivial);
    }

    [Fact]
    public void Scan_Line_IsFirstLineOfDefinition()
    {
        var result = CPipeline.Scan("#define EXPORT\n\n// doc\nEXPORT int\nf(void)\n{ return 0; }\n", isCpp: false);

        Assert.Equal(4, Assert.Single(result.Functions).Line);
    }

    [Fact]
    public void Scan_CppWithoutExternC_IsSkippedWithReason()
    {
        var result = CPipeline.Scan("int f(int a) { return a; }\nextern \"C\" int g(int a) { return a; }\n", isCpp: true);

        Assert.Equal("g", Assert.Single(result.Functions).Signature.Name);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("f", skipped.Name);
        Assert.Contains("mangled", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_SameSourceAsC_ExportsEverything()
    {
        var result = CPipeline.Scan("int f(int a) { return a; }\n", isCpp: false);

        Assert.Single(result.Functions);
    }

    [Fact]
    public void Scan_UnparsableDefinition_IsSkippedWithParseError()
    {
        var result = CPipeline.Scan("int broken(int a,, int b) { return a; }\nint ok(void) { return 0; }\n", isCpp: false);

        Assert.Equal("ok", Assert.Single(result.Functions).Signature.Name);
        var skipped = Assert.Single(result.Skipped);
        Assert.Equal("broken", skipped.Name);
        Assert.Contains("expected a parameter type", skipped.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_VariadicAndStructByValue_AreReturnedForBindingToDecide()
    {
        var result = CPipeline.Scan("int v(const char* f, ...) { return 0; }\nstruct p mk(struct p x) { return x; }\n", isCpp: false);

        Assert.True(result.Functions[0].Signature.IsVariadic);
        Assert.Equal(CTypeKind.Struct, result.Functions[1].Signature.Parameters[0].Type.Kind);
    }

    [Fact]
    public void Scan_MacroBodyAndContinuation_AreIgnored()
    {
        const string source = "#define MAKE(n) \\\n  int n(void) { \\\n    return 1; }\nint real(void) { return 2; }\n";

        var result = CPipeline.Scan(source, isCpp: false);

        Assert.Equal("real", Assert.Single(result.Functions).Signature.Name);
    }

    [Fact]
    public void ScanRust_NoMangleExternC_MapsTypes()
    {
        const string source = "#[no_mangle]\npub extern \"C\" fn f(a: i64, b: *const c_char, c: usize) -> f32 { 0.0 }\n";

        var signature = Assert.Single(SourceScanner.ScanRust(source).Functions).Signature;

        Assert.Equal(CTypeKind.Int64, signature.Parameters[0].Type.Kind);
        Assert.True(signature.Parameters[1].Type.IsCString);
        Assert.Equal(CTypeKind.UIntPtr, signature.Parameters[2].Type.Kind);
        Assert.Equal(CTypeKind.Float, signature.ReturnType.Kind);
    }

    [Fact]
    public void ScanRust_AnnotationAboveAttribute_IsRead()
    {
        const string source = "/// Does work.\n/// @async\n#[no_mangle]\npub extern \"C\" fn work() {}\npub extern \"C\" fn hidden() {}\n";

        var result = SourceScanner.ScanRust(source);

        var function = Assert.Single(result.Functions);
        Assert.Equal(ExecutionMode.Async, function.Mode);
        Assert.Equal(CTypeKind.Void, function.Signature.ReturnType.Kind);
    }

    [Fact]
    public void ScanRust_OptionFunctionPointer_IsFunctionPointer()
    {
        const string source = "#[no_mangle]\npub extern \"C\" fn f(cb: Option<unsafe extern \"C\" fn(i32) -> i32>) {}\n";

        var type = Assert.Single(SourceScanner.ScanRust(source).Functions).Signature.Parameters[0].Type;

        Assert.Equal(CTypeKind.FunctionPointer, type.Kind);
        Assert.Equal(CTypeKind.Int32, type.Function!.ReturnType.Kind);
    }

    [Fact]
    public void Scan_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => SourceScanner.ScanRust(null!));
    }
}
