using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures;

public class CDeclarationParserErrorTests
{
    [Fact]
    public void Parse_DoubleComma_ReportsColumnAndToken()
    {
        var error = Assert.Throws<CParseException>(() => CDeclarationParser.Parse("int add(int a,, int b)"));

        Assert.Equal(15, error.Column);
        Assert.Equal(",", error.Token);
        Assert.Equal("a parameter type", error.Expected);
        Assert.Equal("int add(int a,, int b)", error.Declaration);
        Assert.StartsWith("Cannot parse C declaration 'int add(int a,, int b)' at column 15: expected a parameter type, found ','.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, "", "a return type")]
    [InlineData("   ", 4, "", "a return type")]
    [InlineData("int f(int a", 12, "", "',' or ')'")]
    [InlineData("int f(int a,", 13, "", "a parameter type")]
    [InlineData("int (int a)", 5, "(", "a function name")]
    [InlineData("int[3] f()", 4, "[", "a function name")]
    [InlineData("int f", 6, "", "a parameter list '(' after 'f'")]
    [InlineData("int f(void) x", 13, "x", "the end of the declaration")]
    [InlineData("int f(int a) { return a; }", 14, "{", "the end of the declaration")]
    [InlineData("int f(void, int b)", 7, "void", "a parameter type other than 'void'")]
    [InlineData("int f(int a, void)", 14, "void", "a parameter type other than 'void'")]
    [InlineData("int f(..., int a)", 10, ",", "')' after '...'")]
    [InlineData("int f(int& a)", 10, "&", "a declarator")]
    [InlineData("unsigned double f(void)", 10, "double", "a valid combination of type words")]
    [InlineData("long long long f(void)", 11, "long", "a valid combination of type words")]
    [InlineData("int f(int a = 3)", 13, "=", "',' or ')'")]
    [InlineData("int f(struct { int x; } s)", 14, "{", "a struct tag name after 'struct'")]
    [InlineData("typedef int f(void)", 1, "typedef", "a function declaration")]
    [InlineData("std::string f(void)", 4, "::", "a C type")]
    [InlineData("int f(int a b)", 13, "b", "',' or ')'")]
    [InlineData("int f((int a)", 7, "(", "a parameter type")]
    [InlineData("int (*f(int a)", 15, "", "')' to match the '(' at column 5")]
    public void Parse_Invalid_ThrowsWithColumn(string declaration, int column, string token, string expected)
    {
        var error = Assert.Throws<CParseException>(() => CDeclarationParser.Parse(declaration));

        Assert.Equal(column, error.Column);
        Assert.Equal(token, error.Token);
        Assert.Equal(expected, error.Expected);
    }

    [Theory]
    [InlineData("int[3] f()", "Functions cannot return arrays; return a pointer.")]
    [InlineData("int f(int a", "Parentheses are unbalanced")]
    [InlineData("int (int a)", "Write the function name before its parameter list")]
    [InlineData("int f(int& a)", "References are C++ only")]
    [InlineData("int f(void)(int)", "return a function pointer")]
    [InlineData("int f(void), g(void)", "Declare one function at a time")]
    [InlineData("int a[3]", "This declares an array")]
    [InlineData("size_t int n(void)", "already names the type")]
    [InlineData("void f(void (^cb)(void))", "Blocks")]
    [InlineData("int f(int a, void)", "use 'void*' for a pointer")]
    public void Parse_Invalid_MessageTeachesTheFix(string declaration, string hint)
    {
        var error = Assert.Throws<CParseException>(() => CDeclarationParser.Parse(declaration));

        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Hint);
    }

    [Fact]
    public void CParseException_IsFormatException()
    {
        Assert.IsAssignableFrom<FormatException>(new CParseException("x", 1, "x", "y"));
    }
}
