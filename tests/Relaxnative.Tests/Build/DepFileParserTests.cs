using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class DepFileParserTests
{
    [Fact]
    public void Parse_GccWithContinuations_ReturnsEveryPrerequisite()
    {
        var text = "/tmp/w/libk.so: /src/k.c /usr/include/stdc-predef.h \\\n /src/k.h \\\n  /src/inner.h\n";

        Assert.Equal(["/src/k.c", "/usr/include/stdc-predef.h", "/src/k.h", "/src/inner.h"], DepFileParser.Parse(text));
    }

    [Fact]
    public void Parse_EscapedSpacesAndDollars_Unescapes()
    {
        var text = "out.o: /my\\ src/k.c /my\\ src/a$$b.h\n";

        Assert.Equal(["/my src/k.c", "/my src/a$b.h"], DepFileParser.Parse(text));
    }

    [Fact]
    public void Parse_RustcDepInfo_SkipsCommentsAndMergesRules()
    {
        var text = "/w/lib.so: /s/lib.rs /s/helper.rs\n\n/s/lib.rs:\n/s/helper.rs:\n\n# env-dep:CARGO_PKG_NAME\n";

        Assert.Equal(["/s/lib.rs", "/s/helper.rs"], DepFileParser.Parse(text));
    }

    [Fact]
    public void Parse_Empty_ReturnsNothing() => Assert.Empty(DepFileParser.Parse(""));
}
