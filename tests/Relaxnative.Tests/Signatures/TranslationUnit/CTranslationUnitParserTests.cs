using Relaxnative.Signatures;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>The translation-unit parser on preprocessed C written in the shapes of real libraries and system headers.</summary>
public class CTranslationUnitParserTests
{
    [Fact]
    public void Parse_TypedefParameters_KeepNameAndResolveToUnderlying()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c"));

        Assert.True(model.TryGetFunction("tlib_crc32", out var crc));
        var first = crc.Signature.Parameters[0].Type;
        Assert.Equal("uLong", first.Spelling);
        Assert.Equal("uLong (unsigned long)", first.Description);
        Assert.Equal(CTypeKind.UInt64, first.Kind);
        Assert.Equal("const Bytef* (const unsigned char*)", crc.Signature.Parameters[1].Type.Description);
        Assert.True(crc.IsDefinition);
        Assert.Equal("typedefs/tlib.c", crc.Location.File);
        Assert.Equal(9, crc.Location.Line);
    }

    [Fact]
    public void Parse_FunctionPointerAndHandleTypedefs_HaveTheirKinds()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c"));

        Assert.True(model.TryGetFunction("tlib_call", out var call));
        var callback = call.Signature.Parameters[1].Type;
        Assert.Equal(CTypeKind.FunctionPointer, callback.Kind);
        Assert.Equal("tlib_CFunction", callback.TypedefName);
        Assert.Equal(CTypeKind.Pointer, callback.Function!.Parameters[0].Type.Kind);
        Assert.True(model.TryGetFunction("tlib_open", out var open));
        Assert.Equal(CTypeKind.Pointer, open.Signature.ReturnType.Kind);
        Assert.Equal("struct tlib_file_s*", open.Signature.ReturnType.Resolved.Spelling);
        Assert.True(model.TryGetFunction("tlib_strdup", out var strdup));
        Assert.True(strdup.Signature.Parameters[0].Type.IsCString);
        Assert.False(strdup.Signature.ReturnType.IsCString);
    }

    [Fact]
    public void Parse_SizeT_IsPointerSizedUnsigned()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("export_macro/mylib.c"));

        Assert.True(model.TryGetFunction("mylib_count_chars", out var count));
        Assert.Equal(CTypeKind.UIntPtr, count.Signature.ReturnType.Kind);
        Assert.Equal("size_t (unsigned long)", count.Signature.ReturnType.Description);
    }

    [Fact]
    public void Parse_ExportMacroWrappingType_DeclaresEveryFunctionWithVisibility()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("export_macro/mylib.c"));

        string[] expected = ["mylib_add", "mylib_scale", "mylib_item_new", "mylib_item_value", "mylib_item_free", "mylib_is_even", "mylib_version", "mylib_count_chars"];
        foreach (var name in expected)
        {
            Assert.True(model.TryGetFunction(name, out var function), name);
            Assert.True(function.IsDefinition, name);
            Assert.Equal(CVisibility.Default, function.Visibility);
            Assert.True(function.CanBeExported, name);
        }

        Assert.True(model.TryGetFunction("mylib_internal_twice", out var hidden));
        Assert.Equal(CVisibility.Hidden, hidden.Visibility);
        Assert.False(hidden.CanBeExported);
        Assert.DoesNotContain(model.Skipped, s => !s.Location.IsSystemHeader);
    }

    [Fact]
    public void Parse_LocalMacroForStatic_MarksHelperStatic()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("empty_macros/zmini.c"));

        Assert.True(model.TryGetFunction("zmini_mix", out var mix));
        Assert.Equal(CStorageClass.Static, mix.Storage);
        Assert.False(mix.CanBeExported);
    }

    [Fact]
    public void Parse_OldStyleDefinitionWithPrototype_SkipsDefinitionKeepsPrototype()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("empty_macros/zmini.c"));

        var skipped = Assert.Single(model.Skipped, s => !s.Location.IsSystemHeader);
        Assert.Equal("zmini_checksum", skipped.Name);
        Assert.Contains("old-style (K&R)", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal("empty_macros/zmini.c", skipped.Location.File);
        Assert.Equal(10, skipped.Location.Line);
        Assert.True(model.TryGetFunction("zmini_checksum", out var prototype));
        Assert.Equal("empty_macros/zmini.h", prototype.Location.File);
        Assert.Equal(3, prototype.Signature.Parameters.Count);
        Assert.True(model.TryGetFunction("zmini_fill", out _));
    }

    [Fact]
    public void Parse_ParenthesizedNames_DeclareTheFunctions()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("parenthesized/plua.c"));

        Assert.True(model.TryGetFunction("plua_gettop", out var gettop));
        Assert.Equal("int plua_gettop(plua_State* L)", gettop.Signature.ToString());
        Assert.True(model.TryGetFunction("plua_newstate", out var newstate));
        Assert.Equal(CTypeKind.Pointer, newstate.Signature.ReturnType.Kind);
        Assert.True(model.TryGetFunction("pluaI_internal", out var internalFunction));
        Assert.Equal(CVisibility.Hidden, internalFunction.Visibility);
    }

    [Theory]
    [InlineData("", CTypeKind.Int32, false)]
    [InlineData("-DSPLIT_WIDE", CTypeKind.Int64, true)]
    public void Parse_IfdefSplitParameters_FollowsTheDefine(string flag, CTypeKind expected, bool hasWide)
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("split_params/split.c", flag.Length == 0 ? [] : [flag]));

        Assert.True(model.TryGetFunction("split_sum", out var sum));
        Assert.Equal(expected, sum.Signature.Parameters[1].Type.Kind);
        Assert.Equal(hasWide, model.TryGetFunction("split_is_wide", out _));
    }

    [Fact]
    public void Parse_CppDefinitionsAfterExternCHeader_InheritCLinkage()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("cpp_linkage/mesh.cpp"), CParseOptions.Cpp);

        var definitions = model.Functions.Where(f => f.IsDefinition && f.Location.File == "cpp_linkage/mesh.cpp").Select(f => f.Name);
        Assert.Equal(["mesh_create", "mesh_destroy", "mesh_vertex_count", "mesh_area_of_unit_grid", "mesh_version"], definitions);
        Assert.All(model.Functions.Where(f => !f.Location.IsSystemHeader), f => Assert.True(f.HasCLinkage, f.Name));
        var cppOnly = Assert.Single(model.Skipped, s => s.Name == "mesh_cpp_only");
        Assert.Equal(SignatureMessages.CppMangled, cppOnly.Reason);
        Assert.Contains(model.Skipped, s => s.Name == "cell_area" && s.Reason == SignatureMessages.CppMangled);
    }

    [Fact]
    public void Parse_GlibcWithFortify_BindsAsmLabelsAndSkipsInlineBodies()
    {
        var text = Preprocessor.Text("#include <stdio.h>\n#include <string.h>\n#include <stdlib.h>\n", false, "-D_GNU_SOURCE", "-D_FORTIFY_SOURCE=2", "-O2")!;

        var model = CTranslationUnitParser.Parse(text);

        Assert.True(model.TryGetFunction("fscanf", out var fscanf));
        Assert.Equal("__isoc99_fscanf", fscanf.SymbolName);
        Assert.True(fscanf.Location.IsSystemHeader);
        Assert.True(fscanf.Signature.IsVariadic);
        Assert.True(model.TryGetFunctionBySymbol("__isoc99_fscanf", out var bySymbol));
        Assert.Equal("fscanf", bySymbol.Name);
        Assert.True(model.TryGetFunction("strtof128", out var strtof128));
        Assert.Equal("_Float128", strtof128.Signature.ReturnType.Spelling);
        Assert.Contains(model.Functions, f => f.Name == "memcpy" && f.IsInline && f.IsDefinition);
        Assert.Empty(model.Skipped);
    }

    [Fact]
    public void Parse_RecordsAndEnums_KeepMembersBitfieldsAndValues()
    {
        const string source = """
            struct point { int x, y; unsigned flags : 3; unsigned : 5; char name[2 * 8]; double tail[]; } __attribute__((packed));
            union value { int i; float f; struct { short lo, hi; }; };
            struct __attribute__((aligned(16))) vec { float v[4]; };
            enum color { RED, GREEN = 5, BLUE, BIG = 1u << 31, NEG = -1, SZ = sizeof(long) * 2, Q = (RED ? 3 : 4), U = sizeof(struct point) };
            enum color2 { AFTER = U, NEXT };
            """;

        var model = CTranslationUnitParser.Parse(source);

        Assert.True(model.TryGetRecord("struct point", out var point));
        Assert.True(point.IsPacked);
        Assert.Equal(["x", "y", "flags", null, "name", "tail"], point.Members.Select(m => m.Name));
        Assert.Equal(3, point.Members[2].BitWidth);
        Assert.Equal(5, point.Members[3].BitWidth);
        Assert.Equal([16L], point.Members[4].ArrayBounds);
        Assert.Equal([(long?)null], point.Members[5].ArrayBounds);
        Assert.True(model.TryGetRecord("union value", out var value));
        Assert.Equal(CRecordKind.Union, value.Kind);
        Assert.Null(value.Members[2].Name);
        Assert.True(model.TryGetRecord(value.Members[2].Type.Spelling, out var anonymous));
        Assert.Equal(["lo", "hi"], anonymous.Members.Select(m => m.Name));
        Assert.True(model.TryGetRecord("struct vec", out var vec));
        Assert.Equal(16, vec.AlignmentBytes);
        var constants = model.Enums[0].Constants.ToDictionary(c => c.Name, c => c.Value);
        Assert.Equal(0L, constants["RED"]);
        Assert.Equal(6L, constants["BLUE"]);
        Assert.Equal(2147483648L, constants["BIG"]);
        Assert.Equal(-1L, constants["NEG"]);
        Assert.Equal(16L, constants["SZ"]);
        Assert.Equal(4L, constants["Q"]);
        Assert.True(model.TryGetEnumConstant("U", out var unknown));
        Assert.Null(unknown.Value);
        Assert.Contains("sizeof(struct point)", unknown.UnknownReason, StringComparison.Ordinal);
        Assert.True(model.TryGetEnumConstant("NEXT", out var next));
        Assert.Null(next.Value);
        Assert.Contains("'AFTER'", next.UnknownReason, StringComparison.Ordinal);
        Assert.True(model.TryGetEnumConstant("AFTER", out var after));
        Assert.Contains("'U'", after.UnknownReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GnuForms_AreReadOrSkippedWithReasons()
    {
        const string source = """
            __extension__ typedef long long ll_t;
            _Static_assert(sizeof(int) == 4, "int");
            typedef int register_t __attribute__((__mode__(__word__)));
            typedef float v4sf __attribute__((vector_size(16)));
            extern int f1(int *__restrict p) __attribute__((__nonnull__(1))) __asm__("" "f1_real");
            _Noreturn void die(void);
            static __inline int twice(int x) { return x * 2; }
            typeof(int) tf(void);
            _Atomic(int) af(void);
            __int128 wide(void);
            long double ld(long double x);
            _Complex double cd(void);
            int kr();
            int (*(*nested(void))[4])(int);
            typedef int fn_t(int);
            fn_t declared_by_typedef;
            """;

        var model = CTranslationUnitParser.Parse(source);

        Assert.True(model.TryGetTypedef("register_t", out var register));
        Assert.Equal(CTypeKind.Int64, register.Type.Kind);
        Assert.True(model.TryGetFunction("f1", out var f1));
        Assert.Equal("f1_real", f1.AsmLabel);
        Assert.Equal(CStorageClass.Extern, f1.Storage);
        Assert.True(model.TryGetFunction("die", out _));
        Assert.True(model.TryGetFunction("twice", out var twice));
        Assert.True(twice.IsInline && twice.IsDefinition && twice.Storage == CStorageClass.Static);
        Assert.True(model.TryGetFunction("wide", out var wide));
        Assert.Equal(CTypeKind.Struct, wide.Signature.ReturnType.Kind);
        Assert.True(model.TryGetFunction("kr", out var kr));
        Assert.Empty(kr.Signature.Parameters);
        Assert.True(model.TryGetFunction("declared_by_typedef", out var byTypedef));
        Assert.Equal("int declared_by_typedef(int)", byTypedef.Signature.ToString());
        Assert.True(model.TryGetFunction("nested", out _));
        Assert.Contains(model.Skipped, s => s.Name == "tf" && s.Reason.Contains("'typeof'", StringComparison.Ordinal) && s.Location.Line == 8);
        Assert.Contains(model.Skipped, s => s.Name == "af" && s.Reason.Contains("_Atomic", StringComparison.Ordinal));
        Assert.Contains(model.Skipped, s => s.Name == "v4sf" && s.Reason.Contains("vector_size", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_LineMarkers_GiveOriginalFileLineAndSystemFlag()
    {
        const string text = "# 1 \"lib.c\"\n# 1 \"/usr/include/sys.h\" 1 3 4\nint sys_fn(void);\n# 10 \"lib.c\" 2\n\nint user_fn(void);\n# 1 \"cpp.h\" 1 3 4\nint c_fn(int);\n";

        var model = CTranslationUnitParser.Parse(text, CParseOptions.Cpp);

        Assert.True(model.TryGetFunction("sys_fn", out var sys));
        Assert.Equal(new CSourceLocation("/usr/include/sys.h", 1, true), sys.Location);
        Assert.True(sys.HasCLinkage); // Flag 4: implicit extern "C".
        Assert.Equal(new CSourceLocation("lib.c", 11, false), Assert.Single(model.Skipped).Location);
        Assert.True(model.TryGetFunction("c_fn", out var c));
        Assert.True(c.HasCLinkage);
    }

    [Fact]
    public void Parse_ThousandsOfPointerLevels_ParsesCompletely()
    {
        var text = "int " + new string('*', 4000) + "f(void);";

        var model = CTranslationUnitParser.Parse(text);
        var signature = CDeclarationParser.Parse(text);

        Assert.True(model.TryGetFunction("f", out var f));
        Assert.Equal(4000, f.Signature.ReturnType.PointerDepth);
        Assert.Equal(4000, signature.ReturnType.PointerDepth);
        Assert.Equal(signature.ReturnType, f.Signature.ReturnType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Parse_RandomGarbage_NeverThrows(int seed)
    {
        string[] pieces = ["(", ")", "*", ",", "...", "[", "]", "int", "const", "typedef", "struct", "enum", "union", "{", "}", ";", "=", ":",
            "x", "T", "3", "\"s\"", "'c'", "__attribute__", "((", "))", "__asm__", "extern", "\"C\"", "namespace", "template", "<", ">",
            "# 1 \"f.h\" 1 3 4\n", "\n", " ", "sizeof", "?", "<<", "-", "~", "_Static_assert", "typeof"];
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 80)).Select(_ => pieces[random.Next(pieces.Length)] + " "));

            var model = CTranslationUnitParser.Parse(text, i % 2 == 0 ? CParseOptions.C : CParseOptions.Cpp);

            Assert.All(model.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        }
    }
}
