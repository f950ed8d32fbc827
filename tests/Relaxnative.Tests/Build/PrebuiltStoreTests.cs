using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class PrebuiltStoreTests : IDisposable
{
    private readonly BuildFixture _fixture = new();
    private readonly string _source;
    private readonly string _output;

    public PrebuiltStoreTests()
    {
        _source = _fixture.Write("src/kernel.c", "#include \"kernel.h\"\nint value(void) { return VALUE; }\n");
        _fixture.Write("src/kernel.h", "#define VALUE 7\n");
        _output = Path.Combine(_fixture.Folder, "prebuilt");
    }

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void BuildPrebuilt_WritesLibraryAndManifest()
    {
        var result = Assert.Single(NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options));

        Assert.True(result.Prebuilt);
        Assert.StartsWith(_output, result.LibraryPath, StringComparison.Ordinal);
        Assert.Equal(7, BuildFixture.CallInt(result.LibraryPath, "value"));
        var manifest = Assert.Single(Directory.GetFiles(_output, "*.relaxnative.json"));
        var text = File.ReadAllText(manifest);
        Assert.Contains("\"kernel.h\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("/usr/include", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_PrebuiltMatches_NeedsNoCompiler()
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);
        // A locator that finds nothing: any attempt to use a compiler would throw.
        var noCompilers = new BuildEngine(BuildEnvironment.Default with
        {
            Toolchains = new ToolchainLocator(_ => null),
            GetVariable = name => name == "HOME" ? _fixture.Folder : null,
        });

        var result = (await noCompilers.BuildAsync(_source, new BuildOptions { PrebuiltDirectory = _output }, searchPrebuilt: true, CancellationToken.None)).Result;

        Assert.True(result.Prebuilt);
        Assert.Null(result.CompilerPath);
        Assert.Equal(7, BuildFixture.CallInt(result.LibraryPath, "value"));
    }

    [Fact]
    public void Build_PrebuiltInChildWithoutCompilerOnPath_Succeeds()
    {
        var built = Assert.Single(NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options));
        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = Path.Combine(_fixture.Folder, "no-such-bin"),
            ["CC"] = null,
            ["CXX"] = null,
            ["RUSTC"] = null,
            ["RELAXNATIVE_PREBUILT_DIR"] = null,
        };

        using var child = BuildFixture.StartChild(environment, "build-prebuilt", _source, _output, Path.Combine(_fixture.Folder, "child-cache"));
        var (exitCode, output, error) = BuildFixture.Wait(child);

        Assert.True(exitCode == 0, error);
        Assert.Equal($"{built.LibraryPath}|True|True", output.Trim());
    }

    [Fact]
    public void Build_HeaderChangedSincePrebuilt_DoesNotUsePrebuilt()
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);
        _fixture.Write("src/kernel.h", "#define VALUE 8\n");

        var result = NativeBuilder.Build(_source, _fixture.Options with { PrebuiltDirectory = _output });

        Assert.False(result.Prebuilt);
        Assert.Equal(8, BuildFixture.CallInt(result.LibraryPath, "value"));
    }

    [Fact]
    public async Task Build_HeaderChangedAndNoCompiler_ThrowsToolchainError()
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);
        _fixture.Write("src/kernel.h", "#define VALUE 8\n");
        var noCompilers = new BuildEngine(BuildEnvironment.Default with { Toolchains = new ToolchainLocator(_ => null) });

        await Assert.ThrowsAsync<NativeToolchainException>(() =>
            noCompilers.BuildAsync(_source, _fixture.Options with { PrebuiltDirectory = _output }, searchPrebuilt: true, CancellationToken.None));
    }

    [Fact]
    public void Build_OptionsDifferFromPrebuilt_DoesNotUsePrebuilt()
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);

        var result = NativeBuilder.Build(_source, _fixture.Options with { PrebuiltDirectory = _output, Defines = ["OTHER"] });

        Assert.False(result.Prebuilt);
    }

    [Fact]
    public void Build_PrebuiltFolderCopiedElsewhere_StillMatches()
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);
        var moved = Path.Combine(_fixture.Folder, "moved");
        Directory.CreateDirectory(Path.Combine(moved, "src"));
        File.Copy(_source, Path.Combine(moved, "src", "kernel.c"));
        File.Copy(Path.Combine(_fixture.Folder, "src", "kernel.h"), Path.Combine(moved, "src", "kernel.h"));

        var result = NativeBuilder.Build(Path.Combine(moved, "src", "kernel.c"), _fixture.Options with { PrebuiltDirectory = _output });

        Assert.True(result.Prebuilt);
    }

    [Fact]
    public void BuildPrebuilt_RecordsLibraryHash()
    {
        var result = Assert.Single(NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options));

        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Assert.Single(Directory.GetFiles(_output, "*.relaxnative.json"))))!;
        Assert.Equal(CacheTamper.Sha256Of(result.LibraryPath), manifest["librarySha256"]!.GetValue<string>());
    }

    [Fact]
    public void Build_PrebuiltLibraryReplaced_ThrowsNamingManifestAndHashes()
    {
        var built = Assert.Single(NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options));
        var recorded = CacheTamper.Sha256Of(built.LibraryPath);
        CacheTamper.WriteForeignLibrary(_fixture, built.LibraryPath);

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(_source, _fixture.Options with { PrebuiltDirectory = _output }));

        Assert.Contains(Assert.Single(Directory.GetFiles(_output, "*.relaxnative.json")), error.Message, StringComparison.Ordinal);
        Assert.Contains(recorded, error.Message, StringComparison.Ordinal);
        Assert.Contains(CacheTamper.Sha256Of(built.LibraryPath), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("../libforeign.so")]
    public void Build_PrebuiltManifestLibraryIsAPath_ThrowsAndLoadsNothing(string name)
    {
        NativeBuilder.BuildPrebuilt([_source], _output, _fixture.Options);
        var foreign = CacheTamper.WriteForeignLibrary(_fixture, Path.Combine(_fixture.Folder, "libforeign.so"));
        var manifest = Assert.Single(Directory.GetFiles(_output, "*.relaxnative.json"));
        CacheTamper.EditPrebuiltManifest(manifest, m =>
        {
            m["library"] = name == "absolute" ? foreign : name;
            m["librarySha256"] = CacheTamper.Sha256Of(foreign);
        });

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(_source, _fixture.Options with { PrebuiltDirectory = _output }));

        Assert.Contains("not a plain file name", error.Message, StringComparison.Ordinal);
        Assert.Contains(manifest, error.Message, StringComparison.Ordinal);
    }
}
