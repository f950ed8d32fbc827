using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

/// <summary>Defects that must never come back, one test each.</summary>
public class SignatureRegressionTests
{
    [Theory]
    [InlineData("uint32_t", CTypeKind.UInt32)]
    [InlineData("int64_t", CTypeKind.Int64)]
    [InlineData("uint64_t", CTypeKind.UInt64)]
    [InlineData("uint16_t", CTypeKind.UInt16)]
    [InlineData("int8_t", CTypeKind.Int8)]
    public void Parse_FixedWidthParameter_KeepsWidth(string spelling, CTypeKind kind)
    {
        var signature = CDeclarationParser.Parse($"{spelling} f({spelling} x, {spelling} y)");

        Assert.Equal(kind, signature.ReturnType.Kind);
        Assert.All(signature.Parameters, p => Assert.Equal(kind, p.Type.Kind));
    }

    [Fact]
    public void Scan_SizeTParameter_KeepsFunction()
    {
        var result = CPipeline.Scan("#include <stddef.h>\nsize_t count(const char* s, size_t n) { return n; }\n", isCpp: false);

        var function = Assert.Single(result.Functions);
        Assert.Equal(CTypeKind.UIntPtr, function.Signature.Parameters[1].Type.Kind);
        Assert.Empty(result.Skipped);
    }

    [Theory]
    [InlineData("int interval")]
    [InlineData("int print_count")]
    [InlineData("int intensity")]
    [InlineData("int point")]
    public void Parse_ParameterNameContainingInt_KeepsInt(string parameter)
    {
        var type = CDeclarationParser.Parse($"void f({parameter})").Parameters[0].Type;

        Assert.Equal(CTypeKind.Int32, type.Kind);
    }

    [Fact]
    public void Parse_UInt32NamedSizeInt_StaysUInt32()
    {
        Assert.Equal(CTypeKind.UInt32, CDeclarationParser.Parse("void f(uint32_t size_int)").Parameters[0].Type.Kind);
    }

    [Fact]
    public void Scan_VoidParameterList_IsFound()
    {
        var result = CPipeline.Scan("int get(void) { return 1; }\nvoid reset( void ) { }\n", isCpp: false);

        Assert.Equal(["get", "reset"], result.Functions.Select(f => f.Signature.Name));
        Assert.All(result.Functions, f => Assert.Empty(f.Signature.Parameters));
    }

    [Fact]
    public void Scan_PointerReturningFunctions_DoNotBreakTheScan()
    {
        const string source = "#include <stddef.h>\nchar* dup(const char* s) { return 0; }\nvoid *alloc(size_t n) { return 0; }\nint after(int a) { return a; }\n";

        var result = CPipeline.Scan(source, isCpp: false);

        Assert.Equal(["dup", "alloc", "after"], result.Functions.Select(f => f.Signature.Name));
        Assert.True(result.Functions[0].Signature.ReturnType.IsPointer);
        Assert.True(result.Functions[1].Signature.ReturnType.IsPointer);
    }

    [Fact]
    public void Scan_StaticHelpers_AreNotExposed()
    {
        const string source = "static int helper(int a) { return a; }\nstatic inline int h2(int a) { return a; }\nint STATIC_OK(int a) { return helper(a); }\n";

        var result = CPipeline.Scan(source, isCpp: false);

        Assert.Equal(["STATIC_OK"], result.Functions.Select(f => f.Signature.Name));
        Assert.Empty(result.Skipped);
    }

    [Fact]
    public void Parse_ConstCharPointer_IsCString()
    {
        var type = CDeclarationParser.Parse("size_t len(const char* s)").Parameters[0].Type;

        Assert.True(type.IsCString);
        Assert.True(type.IsCharPointer);
        Assert.False(CDeclarationParser.Parse("void f(const uint8_t* s)").Parameters[0].Type.IsCString);
    }

    [Theory]
    [InlineData("long* p")]
    [InlineData("size_t* p")]
    [InlineData("int a[]")]
    [InlineData("unsigned long *p")]
    public void Parse_PointerLikeParameter_IsNotScalar(string parameter)
    {
        var type = CDeclarationParser.Parse($"void f({parameter})").Parameters[0].Type;

        Assert.Equal(CTypeKind.Pointer, type.Kind);
        Assert.False(type.IsScalar);
    }

    [Fact]
    public void Scan_Annotations_DoNotBleedIntoNextFunction()
    {
        const string source = "// @async\n// @cost high\nint first(void) { return 1; }\nint second(void) { return 2; }\n";

        var result = CPipeline.Scan(source, isCpp: false);

        Assert.Equal(ExecutionMode.Async, result.Functions[0].Mode);
        Assert.Equal(NativeCost.High, result.Functions[0].Cost);
        Assert.Null(result.Functions[1].Mode);
        Assert.Equal(NativeCost.Unspecified, result.Functions[1].Cost);
    }

    [Fact]
    public void Scan_SameLineAnnotation_IsRead()
    {
        var result = CPipeline.Scan("/* @async @cost low */ int f(int a) { return a; }\n", isCpp: false);

        var function = Assert.Single(result.Functions);
        Assert.Equal(ExecutionMode.Async, function.Mode);
        Assert.Equal(NativeCost.Low, function.Cost);
    }
}
