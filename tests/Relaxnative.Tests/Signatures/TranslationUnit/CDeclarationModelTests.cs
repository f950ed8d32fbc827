using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>Lookups and merging of declaration models; declaration strings resolved through a model's typedefs.</summary>
public class CDeclarationModelTests
{
    [Fact]
    public void Merge_MultiFileLibrary_DeclaresEveryFunctionOnceWithItsDefinition()
    {
        string[] files = ["multi_file/counter.c", "multi_file/text.c", "multi_file/math.c"];
        var models = files.Select(f => CTranslationUnitParser.Parse(Preprocessor.RealWorld(f))).ToList();

        var merged = CDeclarationModel.Merge(models);

        var header = merged.Functions.Where(f => f.Location.File == "multi_file/multi.h").Select(f => f.Name).ToList();
        Assert.Equal(7, header.Count);
        Assert.Equal(header.Count, header.Distinct().Count());
        foreach (var name in header)
        {
            Assert.True(merged.TryGetFunction(name, out var best));
            Assert.True(best.IsDefinition, name);
            Assert.StartsWith("multi_file/", best.Location.File, StringComparison.Ordinal);
        }

        Assert.Equal(["step", "is_end", "absolute"], merged.Functions.Where(f => f.Storage == CStorageClass.Static && !f.Location.IsSystemHeader).Select(f => f.Name));
        Assert.Single(merged.Typedefs, t => t.Name == "multi_counter");
    }

    [Fact]
    public void Parse_DeclarationStringWithModelScope_ResolvesTypedefNames()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c"));

        var signature = CDeclarationParser.Parse("uLong crc32(uLong, const Bytef*, uInt)", model);

        Assert.Equal(CTypeKind.UInt64, signature.ReturnType.Kind);
        Assert.Equal("uLong (unsigned long)", signature.ReturnType.Description);
        Assert.Equal("const Bytef* (const unsigned char*)", signature.Parameters[1].Type.Description);
        Assert.True(model.TryGetFunction("tlib_crc32", out var declared));
        Assert.True(signature.Parameters.Zip(declared.Signature.Parameters).All(p => p.First.Type.IsSameType(p.Second.Type)));
        var callback = CDeclarationParser.Parse("int call(tlib_State* L, tlib_CFunction f)", model);
        Assert.Equal(CTypeKind.FunctionPointer, callback.Parameters[1].Type.Kind);
    }

    [Fact]
    public void Parse_DeclarationStringWithoutScope_TreatsTypedefNameAsBefore()
    {
        var signature = CDeclarationParser.Parse("uLong crc32(uLong crc)");

        Assert.Equal(CTypeKind.Struct, signature.ReturnType.Kind);
        Assert.Null(signature.ReturnType.TypedefName);
    }

    [Fact]
    public void IsSameType_TypedefAndItsUnderlyingType_AreSameButDifferentWidthsAreNot()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c"));
        var typed = CDeclarationParser.Parse("uLong f(const Bytef* p, tlib_CFunction cb)", model);
        var plain = CDeclarationParser.Parse("unsigned long f(const unsigned char* q, int (*g)(struct tlib_state*))");
        var wrong = CDeclarationParser.Parse("unsigned int f(const unsigned short* q, int (*g)(struct tlib_state*))");

        Assert.True(typed.ReturnType.IsSameType(plain.ReturnType));
        Assert.True(typed.Parameters[0].Type.IsSameType(plain.Parameters[0].Type));
        Assert.True(typed.Parameters[1].Type.IsSameType(plain.Parameters[1].Type));
        Assert.False(typed.ReturnType.IsSameType(wrong.ReturnType));
        Assert.False(typed.Parameters[0].Type.IsSameType(wrong.Parameters[0].Type));
        Assert.NotEqual(typed.ReturnType, plain.ReturnType); // Equality compares types as written.
        Assert.Equal(plain.ReturnType, typed.ReturnType.Resolved);
    }
}
