using Relaxnative.Build;
using Relaxnative.Signatures;
using Relaxnative.Tests.Build;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>Where measured layouts live: in the stored declarations (so prebuilt libraries carry them), and why they are missing when they are.</summary>
public sealed class LayoutStorageTests : IDisposable
{
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Prebuilt_WithoutCompiler_StillHasLayouts()
    {
        var output = Path.Combine(_fixture.Folder, "prebuilt");
        NativeBuilder.BuildPrebuilt([NativeFixtures.SourcePath("records.c")], output, _fixture.Options, SourceAnalysis.Analyzer);
        var noCompilers = new BuildEngine(BuildEnvironment.Default with
        {
            Toolchains = new ToolchainLocator(_ => null),
            GetVariable = name => name == "HOME" ? _fixture.Folder : null,
        });

        var result = (await noCompilers.BuildAsync(NativeFixtures.SourcePath("records.c"), new BuildOptions { PrebuiltDirectory = output }, searchPrebuilt: true, CancellationToken.None)).Result;

        Assert.True(result.Prebuilt);
        var layouts = StoredDeclarations.TryDeserialize(result.Declarations)!.Layouts;
        Assert.Equal(40, layouts.Find("struct big")!.Size);
        Assert.Equal(7, layouts.Find("struct packed")!.Size);
    }

    [Fact]
    public void Analyze_CppUnit_RecordsTheReasonInsteadOfLayouts()
    {
        var stored = SourceAnalysis.Analyze([new PreprocessedUnit("/src/shapes.cpp", SourceLanguage.Cpp, "struct shape { int sides; };\n")]);

        Assert.Null(stored.Layouts.Find("struct shape"));
        Assert.Contains("C++", stored.LayoutProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_ProbeCompileFails_RecordsTheCompilersReason()
    {
        var unit = new PreprocessedUnit("/src/broken.c", SourceLanguage.C, "struct s { int a; };\nint broken = ;\n") { Probe = new LayoutProbe("cc", []) };

        var stored = SourceAnalysis.Analyze([unit]);

        Assert.Null(stored.Layouts.Find("struct s"));
        Assert.Contains("the compiler could not measure the records", stored.LayoutProblem, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectSectionReader_NotElf_ThrowsInvalidData()
    {
        var error = Assert.Throws<InvalidDataException>(() => ObjectSectionReader.ReadSymbols(new byte[100], ".rnprobe"));

        Assert.Contains("ELF", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ObjectSectionReader_TruncatedTables_ThrowsInvalidData()
    {
        var header = new byte[64];
        "\u007fELF"u8.CopyTo(header);
        header[4] = 2;
        header[5] = 1;
        header[0x28] = 0xff; // section headers far beyond the file
        header[0x3c] = 3;

        var error = Assert.Throws<InvalidDataException>(() => ObjectSectionReader.ReadSymbols(header, ".rnprobe"));

        Assert.Contains("outside the file", error.Message, StringComparison.Ordinal);
    }
}
