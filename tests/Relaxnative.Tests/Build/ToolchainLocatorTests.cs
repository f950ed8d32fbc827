using Relaxnative.Build;

using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Build;

public sealed class ToolchainLocatorTests : IDisposable
{
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [SkippableFact]
    public void Resolve_DefaultEnvironment_FindsCAndRust()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        var c = ToolchainLocator.Default.Resolve(SourceLanguage.C);
        var rust = ToolchainLocator.Default.Resolve(SourceLanguage.Rust);

        Assert.True(Path.IsPathRooted(c.Path));
        Assert.False(string.IsNullOrWhiteSpace(c.Version));
        Assert.StartsWith("rustc ", rust.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CalledTwice_ReturnsSameInstance()
    {
        Assert.Same(ToolchainLocator.Default.Resolve(SourceLanguage.C), ToolchainLocator.Default.Resolve(SourceLanguage.C));
    }

    [Fact]
    public void Resolve_ExplicitCompilerMissing_ThrowsListingIt()
    {
        var source = _fixture.Write("add.c", "int add(int a, int b) { return a + b; }\n");

        var error = Assert.Throws<NativeToolchainException>(() =>
            NativeBuilder.Build(source, _fixture.Options with { Compiler = "/nonexistent/cc" }));

        var candidate = Assert.Single(error.Candidates);
        Assert.Equal("BuildOptions.Compiler", candidate.Name);
        Assert.Null(candidate.ResolvedPath);
        Assert.Contains("/nonexistent/cc", error.Message, StringComparison.Ordinal);
        Assert.Equal(SourceLanguage.C, error.Language);
    }

    [Fact]
    public void Resolve_NoCompilerAnywhere_ListsEveryCandidateAndFix()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_fixture.Folder, "empty-bin")).FullName;
        var locator = new ToolchainLocator(Environment(("PATH", empty), ("CC", "/nonexistent/cc")));

        var error = Assert.Throws<NativeToolchainException>(() => locator.Resolve(SourceLanguage.C));

        Assert.Equal(["$CC", "cc", "gcc", "clang"], error.Candidates.Select(c => c.Name));
        Assert.Contains("/nonexistent/cc does not exist", error.Candidates[0].Error, StringComparison.Ordinal);
        Assert.All(error.Candidates.Skip(1), c => Assert.Equal("not on PATH", c.Error));
        Assert.Contains("apt-get install gcc", error.Message, StringComparison.Ordinal);
        Assert.Contains("set CC", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Resolve_BrokenCCompiler_DoesNotAffectRust()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        var bin = Path.Combine(_fixture.Folder, "bin");
        foreach (var name in new[] { "cc", "gcc", "clang" })
        {
            _fixture.WriteScript($"bin/{name}", "echo broken >&2\nexit 3");
        }

        var rustFolder = Path.GetDirectoryName(ToolchainLocator.Default.Resolve(SourceLanguage.Rust).Path)!;
        var locator = new ToolchainLocator(Environment(("PATH", bin + Path.PathSeparator + rustFolder)));

        var error = Assert.Throws<NativeToolchainException>(() => locator.Resolve(SourceLanguage.C));
        var rust = locator.Resolve(SourceLanguage.Rust);

        Assert.Equal(["$CC", "cc", "gcc", "clang"], error.Candidates.Select(c => c.Name));
        Assert.Equal(Path.Combine(bin, "gcc"), error.Candidates[2].ResolvedPath);
        Assert.Contains("exited with code 3", error.Candidates[2].Error, StringComparison.Ordinal);
        Assert.StartsWith("rustc ", rust.Version, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EnvironmentVariableSet_WinsOverPath()
    {
        var wrapper = _fixture.WriteScript("my-cc", "if [ \"$1\" = --version ]; then echo 'my-cc 9'; exit 0; fi\nexec gcc \"$@\"");
        var locator = new ToolchainLocator(Environment(("PATH", System.Environment.GetEnvironmentVariable("PATH")), ("CC", wrapper)));

        var toolchain = locator.Resolve(SourceLanguage.C);

        Assert.Equal(wrapper, toolchain.Path);
        Assert.Equal("my-cc 9", toolchain.Version);
    }

    [Fact]
    public void Report_DefaultEnvironment_ListsEveryLanguageAndCandidate()
    {
        var report = ToolchainLocator.Default.Report();

        Assert.Equal(Enum.GetValues<SourceLanguage>(), report.Languages.Select(l => l.Language));
        Assert.Equal(["$CC", "cc", "gcc", "clang"], report[SourceLanguage.C].Candidates.Select(c => c.Name));
        Assert.Equal(["$CXX", "c++", "g++", "clang++"], report[SourceLanguage.Cpp].Candidates.Select(c => c.Name));
        Assert.Equal(["$RUSTC", "rustc"], report[SourceLanguage.Rust].Candidates.Select(c => c.Name));
        Assert.NotNull(report[SourceLanguage.C].Chosen);
    }

    [Fact]
    public void Resolve_UnchangedCompilerInANewProcess_ReusesTheRememberedVersion()
    {
        string cache = Path.Combine(_fixture.Folder, "memo-cache");
        string log = Path.Combine(_fixture.Folder, "version-calls.log");
        string compiler = _fixture.WriteScript("memo-bin/cc", $"echo run >> '{log}'\necho 'fakecc 1.0'");
        string bin = Path.GetDirectoryName(compiler)!;
        var variables = Environment(("PATH", bin), ("RELAXNATIVE_CACHE_DIR", cache));
        int Calls() => File.Exists(log) ? File.ReadAllLines(log).Length : 0;

        Assert.Equal("fakecc 1.0", new ToolchainLocator(variables).Resolve(SourceLanguage.C).Version);
        Assert.Equal(1, Calls());

        // A new locator stands for a new process: the unchanged compiler is not launched again.
        Assert.Equal("fakecc 1.0", new ToolchainLocator(variables).Resolve(SourceLanguage.C).Version);
        Assert.Equal(1, Calls());

        // Replacing the compiler changes its size and time: the version is probed again.
        _fixture.WriteScript("memo-bin/cc", $"echo run >> '{log}'\necho 'fakecc 2.0 (upgraded)'");
        File.SetLastWriteTimeUtc(compiler, DateTime.UtcNow.AddMinutes(1));
        Assert.Equal("fakecc 2.0 (upgraded)", new ToolchainLocator(variables).Resolve(SourceLanguage.C).Version);
        Assert.Equal(2, Calls());
    }

    private static Func<string, string?> Environment(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
