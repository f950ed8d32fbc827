using System.Text;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class BuildAnalysisTests : IDisposable
{
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_WithAnalyzer_PreprocessesEachUnitWithBuildFlagsAndStoresModel()
    {
        _fixture.Write("inc/api.h", "#ifdef WIDE\ntypedef long num;\n#else\ntypedef int num;\n#endif\nnum twice(num x);\nnum thrice(num x);\n");
        var main = _fixture.Write("twice.c", "#include \"api.h\"\nnum twice(num x) { return 2 * x; }\n");
        var extra = _fixture.Write("thrice.c", "#include \"api.h\"\nnum thrice(num x) { return 3 * x; }\n");
        var options = _fixture.Options with { Sources = [extra], IncludePaths = [Path.Combine(_fixture.Folder, "inc")], Defines = ["WIDE"] };
        IReadOnlyList<PreprocessedUnit>? seen = null;

        var result = NativeBuilder.Build(main, options, new DeclarationAnalyzer("test-1", units => { seen = units; return Encoding.UTF8.GetBytes("model:" + units.Count); }), default);

        Assert.NotNull(seen);
        Assert.Equal([main, extra], seen.Select(u => u.SourcePath));
        Assert.All(seen, u => Assert.Equal(SourceLanguage.C, u.Language));
        // The define chose the branch, and line markers name the header the typedef came from.
        Assert.Contains("typedef long num;", seen[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("typedef int num;", seen[0].Text, StringComparison.Ordinal);
        Assert.Contains("api.h\"", seen[0].Text, StringComparison.Ordinal);
        Assert.Equal("model:2", Encoding.UTF8.GetString(result.Declarations!));
        Assert.Equal(["thrice", "twice"], result.Exports!.Functions.Select(f => f.Name));
    }

    [Fact]
    public void Build_WarmWithAnalyzer_ReturnsStoredModelWithoutAnalyzing()
    {
        var source = _fixture.Write("add.c", "int add(int a, int b) { return a + b; }\n");
        var calls = 0;
        var analyzer = new DeclarationAnalyzer("test-1", units => { calls++; return [1, 2, 3]; });
        NativeBuilder.Build(source, _fixture.Options, analyzer, default);

        var warm = NativeBuilder.Build(source, _fixture.Options, analyzer, default);

        Assert.True(warm.CacheHit);
        Assert.Equal(1, calls);
        Assert.Equal([1, 2, 3], warm.Declarations);
        Assert.Equal("add", Assert.Single(warm.Exports!.Functions).Name);
    }

    [Fact]
    public void Build_WithoutAnalyzer_StoresPreprocessedUnitsForALaterParse()
    {
        var source = _fixture.Write("add.c", "#define API\nAPI int add(int a, int b) { return a + b; }\n");

        var plain = NativeBuilder.Build(source, _fixture.Options);
        var warm = NativeBuilder.Build(source, _fixture.Options);

        var unit = Assert.Single(NativeBuilder.TryReadPreprocessed(plain.Declarations!)!);
        Assert.Equal(source, unit.SourcePath);
        Assert.Contains(" int add(int a, int b)", unit.Text, StringComparison.Ordinal);
        Assert.True(warm.CacheHit);
        Assert.Equal(plain.Declarations, warm.Declarations);
        Assert.NotNull(plain.Exports); // the export table is always recorded
        Assert.Null(NativeBuilder.TryReadPreprocessed([1, 2, 3]));
    }

    [Fact]
    public void Build_AnalyzerOfAnotherFormat_CompilesOnceThenHitsItsOwnEntry()
    {
        // An entry made by an older analyzer (or none) must not be served: a load that cannot read its entry would
        // preprocess again on every hit.
        var source = _fixture.Write("add.c", "int add(int a, int b) { return a + b; }\n");
        NativeBuilder.Build(source, _fixture.Options, new DeclarationAnalyzer("test-1", _ => [1]), default);
        var newer = new DeclarationAnalyzer("test-2", _ => [2]);

        var first = NativeBuilder.Build(source, _fixture.Options, newer, default);
        var second = NativeBuilder.Build(source, _fixture.Options, newer, default);
        var older = NativeBuilder.Build(source, _fixture.Options, new DeclarationAnalyzer("test-1", _ => throw new InvalidOperationException("analyzed on a hit")), default);

        Assert.False(first.CacheHit);
        Assert.Equal([2], first.Declarations);
        Assert.True(second.CacheHit);
        Assert.Equal([2], second.Declarations);
        Assert.True(older.CacheHit);
        Assert.Equal([1], older.Declarations);
    }

    [Fact]
    public void Build_DamagedModel_IsNotServed()
    {
        var source = _fixture.Write("add.c", "int add(int a, int b) { return a + b; }\n");
        NativeBuilder.Build(source, _fixture.Options, new DeclarationAnalyzer("test-1", _ => [1, 2, 3]), default);
        var stored = Assert.Single(Directory.GetFiles(_fixture.CacheRoot, BuildCache.DeclarationsFileName, SearchOption.AllDirectories));
        File.WriteAllBytes(stored, [9, 9, 9]);

        var again = NativeBuilder.Build(source, _fixture.Options, new DeclarationAnalyzer("test-1", _ => [4, 5]), default);

        Assert.False(again.CacheHit);
        Assert.Equal([4, 5], again.Declarations);
    }

    [Fact]
    public void Build_CompileErrorWithAnalyzer_ThrowsBuildErrorAndCachesNothing()
    {
        var source = _fixture.Write("bad.c", "int broken(void) { return missing; }\n");

        var error = Assert.Throws<NativeBuildException>(() => NativeBuilder.Build(source, _fixture.Options, new DeclarationAnalyzer("test-1", _ => [1]), default));

        Assert.Contains(error.Diagnostics, d => d.Line == 1 && d.Severity == "error");
        Assert.Empty(_fixture.Manifests());
    }

    [Fact]
    public void BuildPrebuilt_WithAnalyzer_CarriesModelAndExportsToLoadWithoutCompiler()
    {
        var source = _fixture.Write("add.c", "int add(int a, int b) { return a + b; }\n");
        var prebuilt = Path.Combine(_fixture.Folder, "prebuilt");
        NativeBuilder.BuildPrebuilt([source], prebuilt, _fixture.Options, new DeclarationAnalyzer("test-1", _ => [7, 7]), default);

        var found = NativeBuilder.Build(source, _fixture.Options with { PrebuiltDirectory = prebuilt, Compiler = "/nonexistent/cc" }, new DeclarationAnalyzer("test-1", _ => throw new InvalidOperationException("no compiler here")), default);

        Assert.True(found.Prebuilt);
        Assert.Equal([7, 7], found.Declarations);
        Assert.Equal("add", Assert.Single(found.Exports!.Functions).Name);
    }
}
