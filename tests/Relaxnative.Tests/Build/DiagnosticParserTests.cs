using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class DiagnosticParserTests
{
    [Fact]
    public void Parse_GccOutput_ReadsFileLineColumnSeverity()
    {
        var output = """
            /src/k.c: In function 'add':
            /src/k.c:2:38: error: expected ';' before '}' token
                2 | int add(int a, int b) { return a + b }
                  |                                      ^
            /src/k.c:1:5: warning: unused variable 'x' [-Wunused-variable]
            /src/k.h:3:1: note: declared here
            """;

        var diagnostics = DiagnosticParser.Parse(output);

        Assert.Equal(
            [
                new CompilerDiagnostic("/src/k.c", 2, 38, "error", "expected ';' before '}' token"),
                new CompilerDiagnostic("/src/k.c", 1, 5, "warning", "unused variable 'x' [-Wunused-variable]"),
                new CompilerDiagnostic("/src/k.h", 3, 1, "note", "declared here"),
            ],
            diagnostics);
    }

    [Fact]
    public void Parse_FatalError_ReportsAsError()
    {
        var diagnostic = Assert.Single(DiagnosticParser.Parse("/src/k.c:1:10: fatal error: nope.h: No such file or directory"));

        Assert.Equal(new CompilerDiagnostic("/src/k.c", 1, 10, "error", "nope.h: No such file or directory"), diagnostic);
    }

    [Fact]
    public void Parse_RustcOutput_ReadsLocationFromArrowLine()
    {
        var output = """
            error[E0308]: mismatched types
             --> /src/bad.rs:3:5
              |
            2 | pub extern "C" fn f() -> i32 {
              |                          --- expected `i32` because of return type
            3 |     "text"
              |     ^^^^^^ expected `i32`, found `&str`

            error: aborting due to 1 previous error
            """;

        var diagnostic = Assert.Single(DiagnosticParser.Parse(output));

        Assert.Equal(new CompilerDiagnostic("/src/bad.rs", 3, 5, "error", "mismatched types [E0308]"), diagnostic);
    }

    [Fact]
    public void Parse_LinkerOutput_ReportsErrors()
    {
        var output = "/usr/bin/ld: cannot find -lnope: No such file or directory\ncollect2: error: ld returned 1 exit status\n";

        var diagnostics = DiagnosticParser.Parse(output);

        Assert.Equal(2, diagnostics.Count);
        Assert.Equal(new CompilerDiagnostic("/usr/bin/ld", 0, 0, "error", "cannot find -lnope: No such file or directory"), diagnostics[0]);
        Assert.Equal("collect2", diagnostics[1].File);
    }
}
