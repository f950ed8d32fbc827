using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

public class CDeclarationParserTests
{
    [Theory]
    [InlineData("_Bool", CTypeKind.Bool, "bool")]
    [InlineData("bool", CTypeKind.Bool, "bool")]
    [InlineData("char", CTypeKind.Int8, "char")]
    [InlineData("signed char", CTypeKind.Int8, "signed char")]
    [InlineData("char signed", CTypeKind.Int8, "signed char")]
    [InlineData("int8_t", CTypeKind.Int8, "int8_t")]
    [InlineData("unsigned char", CTypeKind.UInt8, "unsigned char")]
    [InlineData("uint8_t", CTypeKind.UInt8, "uint8_t")]
    [InlineData("short", CTypeKind.Int16, "short")]
    [InlineData("short int", CTypeKind.Int16, "short")]
    [InlineData("signed short", CTypeKind.Int16, "short")]
    [InlineData("int short signed", CTypeKind.Int16, "short")]
    [InlineData("int16_t", CTypeKind.Int16, "int16_t")]
    [InlineData("unsigned short", CTypeKind.UInt16, "unsigned short")]
    [InlineData("unsigned short int", CTypeKind.UInt16, "unsigned short")]
    [InlineData("short unsigned", CTypeKind.UInt16, "unsigned short")]
    [InlineData("uint16_t", CTypeKind.UInt16, "uint16_t")]
    [InlineData("int", CTypeKind.Int32, "int")]
    [InlineData("signed", CTypeKind.Int32, "int")]
    [InlineData("signed int", CTypeKind.Int32, "int")]
    [InlineData("int signed", CTypeKind.Int32, "int")]
    [InlineData("int32_t", CTypeKind.Int32, "int32_t")]
    [InlineData("enum color", CTypeKind.Int32, "enum color")]
    [InlineData("wchar_t", CTypeKind.Int32, "wchar_t")]
    [InlineData("unsigned", CTypeKind.UInt32, "unsigned int")]
    [InlineData("unsigned int", CTypeKind.UInt32, "unsigned int")]
    [InlineData("int unsigned", CTypeKind.UInt32, "unsigned int")]
    [InlineData("uint32_t", CTypeKind.UInt32, "uint32_t")]
    [InlineData("long", CTypeKind.Int64, "long")]
    [InlineData("long int", CTypeKind.Int64, "long")]
    [InlineData("int long", CTypeKind.Int64, "long")]
    [InlineData("signed long", CTypeKind.Int64, "long")]
    [InlineData("long long", CTypeKind.Int64, "long long")]
    [InlineData("long long int", CTypeKind.Int64, "long long")]
    [InlineData("long int long", CTypeKind.Int64, "long long")]
    [InlineData("signed long long int", CTypeKind.Int64, "long long")]
    [InlineData("int64_t", CTypeKind.Int64, "int64_t")]
    [InlineData("ssize_t", CTypeKind.Int64, "ssize_t")]
    [InlineData("ptrdiff_t", CTypeKind.Int64, "ptrdiff_t")]
    [InlineData("off_t", CTypeKind.Int64, "off_t")]
    [InlineData("intptr_t", CTypeKind.IntPtr, "intptr_t")]
    [InlineData("unsigned long", CTypeKind.UInt64, "unsigned long")]
    [InlineData("long unsigned", CTypeKind.UInt64, "unsigned long")]
    [InlineData("unsigned long int", CTypeKind.UInt64, "unsigned long")]
    [InlineData("unsigned long long", CTypeKind.UInt64, "unsigned long long")]
    [InlineData("unsigned long long int", CTypeKind.UInt64, "unsigned long long")]
    [InlineData("long long unsigned int", CTypeKind.UInt64, "unsigned long long")]
    [InlineData("uint64_t", CTypeKind.UInt64, "uint64_t")]
    [InlineData("size_t", CTypeKind.UIntPtr, "size_t")]
    [InlineData("uintptr_t", CTypeKind.UIntPtr, "uintptr_t")]
    [InlineData("float", CTypeKind.Float, "float")]
    [InlineData("double", CTypeKind.Double, "double")]
    public void Parse_ScalarSpelling_MapsToKind(string spelling, CTypeKind kind, string normalized)
    {
        var signature = CDeclarationParser.Parse($"{spelling} f({spelling} value)");

        Assert.Equal(kind, signature.ReturnType.Kind);
        Assert.Equal(normalized, signature.ReturnType.Spelling);
        Assert.Equal(kind, signature.Parameters[0].Type.Kind);
        Assert.Equal("value", signature.Parameters[0].Name);
        Assert.Equal(normalized + " f(" + normalized + " value)", signature.ToString());
    }

    [Theory]
    [InlineData("int", 4)]
    [InlineData("char", 1)]
    [InlineData("short", 2)]
    [InlineData("long", 8)]
    [InlineData("size_t", 8)]
    [InlineData("double", 8)]
    [InlineData("void*", 8)]
    [InlineData("int (*)(int)", 8)]
    [InlineData("struct s", 0)]
    public void Parse_Type_HasLp64Size(string spelling, int size)
    {
        var type = CDeclarationParser.Parse($"void f({spelling})").Parameters[0].Type;

        Assert.Equal(size, type.SizeInBytes);
    }

    [Fact]
    public void Parse_LongDouble_IsUnsupportedStruct()
    {
        var type = CDeclarationParser.Parse("long double f(void)").ReturnType;

        Assert.Equal(CTypeKind.Struct, type.Kind);
        Assert.Equal("long double", type.TagName);
    }

    [Theory]
    [InlineData("int f(void)")]
    [InlineData("int f()")]
    [InlineData("int f( void );")]
    [InlineData("  int   f  (  )  ;  ")]
    public void Parse_EmptyParameterList_HasNoParameters(string declaration)
    {
        var signature = CDeclarationParser.Parse(declaration);

        Assert.Empty(signature.Parameters);
        Assert.False(signature.IsVariadic);
        Assert.Equal("int f(void)", signature.ToString());
    }

    [Theory]
    [InlineData("const char* s", "const char*", true, true)]
    [InlineData("char const *s", "const char*", true, true)]
    [InlineData("char* s", "char*", false, true)]
    [InlineData("const signed char* s", "const signed char*", false, false)]
    [InlineData("const int8_t* s", "const int8_t*", false, false)]
    [InlineData("const char* const s", "const char* const", true, true)]
    [InlineData("const char** s", "const char**", false, false)]
    [InlineData("unsigned char* s", "unsigned char*", false, false)]
    public void Parse_CharPointers_ClassifiesStrings(string parameter, string spelling, bool isCString, bool isCharPointer)
    {
        var type = CDeclarationParser.Parse($"void f({parameter})").Parameters[0].Type;

        Assert.Equal(spelling, type.Spelling);
        Assert.Equal(isCString, type.IsCString);
        Assert.Equal(isCharPointer, type.IsCharPointer);
    }

    [Theory]
    [InlineData("int* p", "int*", 1)]
    [InlineData("int ** p", "int**", 2)]
    [InlineData("uint8_t**p", "uint8_t**", 2)]
    [InlineData("int * const * volatile * restrict p", "int* const**", 3)]
    [InlineData("const int * __restrict p", "const int*", 1)]
    [InlineData("void* p", "void*", 1)]
    [InlineData("long* p", "long*", 1)]
    [InlineData("size_t* p", "size_t*", 1)]
    [InlineData("int a[]", "int*", 1)]
    [InlineData("int a[10]", "int*", 1)]
    [InlineData("int a[static 10]", "int*", 1)]
    [InlineData("const char *argv[]", "const char**", 2)]
    [InlineData("char* argv[][4]", "char**", 2)]
    public void Parse_Pointers_KeepDepthAndSpelling(string parameter, string spelling, int depth)
    {
        var type = CDeclarationParser.Parse($"void f({parameter})").Parameters[0].Type;

        Assert.Equal(CTypeKind.Pointer, type.Kind);
        Assert.Equal(spelling, type.Spelling);
        Assert.Equal(depth, type.PointerDepth);
    }

    [Fact]
    public void Parse_ConstBetweenStars_QualifiesThatLevel()
    {
        var type = CDeclarationParser.Parse("void f(char * const * p)").Parameters[0].Type;

        Assert.False(type.IsConst);
        Assert.True(type.Pointee!.IsConst);
        Assert.False(type.Pointee.Pointee!.IsConst);
    }

    [Theory]
    [InlineData("char* strdup(const char* s)", "char* strdup(const char* s)")]
    [InlineData("void *malloc(size_t)", "void* malloc(size_t)")]
    [InlineData("const char **names(void)", "const char** names(void)")]
    [InlineData("struct node* next(struct node* n)", "struct node* next(struct node* n)")]
    public void Parse_PointerReturn_Normalizes(string declaration, string normalized)
    {
        var signature = CDeclarationParser.Parse(declaration);

        Assert.True(signature.ReturnType.IsPointer);
        Assert.Equal(normalized, signature.ToString());
    }

    [Fact]
    public void Parse_FunctionPointerParameter_CarriesSignature()
    {
        var signature = CDeclarationParser.Parse("void qsort(void* base, size_t n, size_t size, int (*cmp)(const void*, const void*))");
        var cmp = signature.Parameters[3];

        Assert.Equal("cmp", cmp.Name);
        Assert.Equal(CTypeKind.FunctionPointer, cmp.Type.Kind);
        Assert.Equal(CTypeKind.Int32, cmp.Type.Function!.ReturnType.Kind);
        Assert.Equal(2, cmp.Type.Function.Parameters.Count);
        Assert.True(cmp.Type.Function.Parameters[0].Type.Pointee!.IsConst);
        Assert.Equal("int (*)(const void*, const void*)", cmp.Type.Spelling);
        Assert.Equal("void qsort(void* base, size_t n, size_t size, int (*cmp)(const void*, const void*))", signature.ToString());
    }

    [Theory]
    [InlineData("void f(int (*)(int))", "void f(int (*)(int))")]
    [InlineData("void f(void (*cb)(void))", "void f(void (*cb)(void))")]
    [InlineData("void f(void (*cb)())", "void f(void (*cb)(void))")]
    [InlineData("void f(int cb(int))", "void f(int (*cb)(int))")]
    [InlineData("void f(int (**cb)(int))", "void f(int (**cb)(int))")]
    [InlineData("void f(int (* const cb)(int))", "void f(int (* const cb)(int))")]
    [InlineData("int (*get_handler(int id))(const char*)", "int (*get_handler(int id))(const char*)")]
    [InlineData("void f(char* (*make)(size_t n, ...))", "void f(char* (*make)(size_t n, ...))")]
    public void Parse_FunctionPointers_RoundTrip(string declaration, string normalized)
    {
        Assert.Equal(normalized, CDeclarationParser.Parse(declaration).ToString());
    }

    [Fact]
    public void Parse_FunctionReturningFunctionPointer_ReturnsFunctionPointer()
    {
        var signature = CDeclarationParser.Parse("int (*get_handler(int id))(const char*)");

        Assert.Equal("get_handler", signature.Name);
        Assert.Equal(CTypeKind.FunctionPointer, signature.ReturnType.Kind);
        Assert.Single(signature.Parameters);
    }

    [Theory]
    [InlineData("int printf(const char* fmt, ...)", "int printf(const char* fmt, ...)", 1)]
    [InlineData("int f(...)", "int f(...)", 0)]
    [InlineData("void log_it(int level, const char *fmt, ...);", "void log_it(int level, const char* fmt, ...)", 2)]
    public void Parse_Ellipsis_SetsVariadic(string declaration, string normalized, int count)
    {
        var signature = CDeclarationParser.Parse(declaration);

        Assert.True(signature.IsVariadic);
        Assert.Equal(count, signature.Parameters.Count);
        Assert.Equal(normalized, signature.ToString());
    }

    [Theory]
    [InlineData("struct point make(int x)", CTypeKind.Struct, "point", "struct point")]
    [InlineData("union value make(int x)", CTypeKind.Struct, "value", "union value")]
    [InlineData("enum color make(int x)", CTypeKind.Int32, "color", "enum color")]
    [InlineData("my_struct make(int x)", CTypeKind.Struct, "my_struct", "my_struct")]
    [InlineData("const vec3 make(int x)", CTypeKind.Struct, "vec3", "const vec3")]
    public void Parse_TaggedAndUnknownByValue_AreNamed(string declaration, CTypeKind kind, string tag, string spelling)
    {
        var type = CDeclarationParser.Parse(declaration).ReturnType;

        Assert.Equal(kind, type.Kind);
        Assert.Equal(tag, type.TagName);
        Assert.Equal(spelling, type.Spelling);
    }

    [Theory]
    [InlineData("void f(struct s* p)", CTypeKind.Struct, "s", "struct s*")]
    [InlineData("void f(FILE* p)", CTypeKind.Opaque, "FILE", "FILE*")]
    [InlineData("void f(const my_handle* p)", CTypeKind.Opaque, "my_handle", "const my_handle*")]
    [InlineData("void f(sqlite3** db)", CTypeKind.Pointer, null, "sqlite3**")]
    public void Parse_NamesBehindPointers_KeepTag(string declaration, CTypeKind pointeeKind, string? tag, string spelling)
    {
        var type = CDeclarationParser.Parse(declaration).Parameters[0].Type;

        Assert.Equal(CTypeKind.Pointer, type.Kind);
        Assert.Equal(pointeeKind, type.Pointee!.Kind);
        Assert.Equal(tag, type.Pointee.TagName);
        Assert.Equal(spelling, type.Spelling);
    }

    [Fact]
    public void Parse_DoublePointerToUnknown_IsOpaqueAtTheBottom()
    {
        var type = CDeclarationParser.Parse("int open(sqlite3** db)").Parameters[0].Type;

        Assert.Equal(CTypeKind.Opaque, type.Pointee!.Pointee!.Kind);
        Assert.Equal("sqlite3", type.Pointee.Pointee.TagName);
    }

    [Theory]
    [InlineData("int interval", CTypeKind.Int32, "interval")]
    [InlineData("int print_count", CTypeKind.Int32, "print_count")]
    [InlineData("uint32_t size_int", CTypeKind.UInt32, "size_int")]
    [InlineData("unsigned integer", CTypeKind.UInt32, "integer")]
    [InlineData("long longest", CTypeKind.Int64, "longest")]
    [InlineData("char charset", CTypeKind.Int8, "charset")]
    [InlineData("double double_it", CTypeKind.Double, "double_it")]
    [InlineData("short shorty", CTypeKind.Int16, "shorty")]
    [InlineData("const int constant", CTypeKind.Int32, "constant")]
    [InlineData("size_t int_count", CTypeKind.UIntPtr, "int_count")]
    [InlineData("int64_t unsigned_value", CTypeKind.Int64, "unsigned_value")]
    public void Parse_NameContainingTypeWord_KeepsType(string parameter, CTypeKind kind, string name)
    {
        var parameters = CDeclarationParser.Parse($"void f({parameter})").Parameters;

        Assert.Equal(kind, parameters[0].Type.Kind);
        Assert.Equal(name, parameters[0].Name);
    }

    [Theory]
    [InlineData("extern int f(int a)")]
    [InlineData("__attribute__((visibility(\"default\"))) int f(int a)")]
    [InlineData("int __attribute__((nonnull)) f(int a)")]
    [InlineData("int f(int a) __attribute__((warn_unused_result));")]
    [InlineData("EXPORT int f(int a)")]
    [InlineData("RN_EXPORT extern int f(int a)")]
    [InlineData("int __cdecl f(int a)")]
    [InlineData("[[nodiscard]] int f(int a)")]
    [InlineData("static inline int f(int a)")]
    [InlineData("int f(register int a)")]
    [InlineData("int f(volatile int a)")]
    [InlineData("__declspec(dllexport) int f(int a)")]
    [InlineData("int f(int a) __asm__(\"f_v2\")")]
    public void Parse_DecorationsAroundDeclaration_AreSkipped(string declaration)
    {
        var signature = CDeclarationParser.Parse(declaration);

        Assert.Equal("int f(int a)", signature.ToString());
    }

    [Fact]
    public void Parse_UnnamedParameters_HaveNullNames()
    {
        var signature = CDeclarationParser.Parse("int add(int, const char*, double[])");

        Assert.All(signature.Parameters, p => Assert.Null(p.Name));
        Assert.Equal([0, 1, 2], signature.Parameters.Select(p => p.Index));
        Assert.Equal("int add(int, const char*, double*)", signature.ToString());
    }

    [Fact]
    public void Parse_SameDeclarationTwice_SignaturesAreEqual()
    {
        var first = CDeclarationParser.Parse("int add(int a, int b)");
        var second = CDeclarationParser.Parse("int   add ( int a , int b ) ;");

        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, CDeclarationParser.Parse("int add(int a, long b)"));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => CDeclarationParser.Parse(null!));
    }
}
