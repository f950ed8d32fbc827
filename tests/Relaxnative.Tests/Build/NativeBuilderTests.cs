using System.Diagnostics;
using Relaxnative.Build;

using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Build;

public sealed class NativeBuilderTests : IDisposable
{
    private const string AddSource = "int add(int a, int b) { return a + b; }\n";
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_CSource_ProducesCallableLibrary()
    {
        var source = _fixture.Write("add.c", AddSource);

        var result = NativeBuilder.Build(source, _fixture.Options);

        Assert.True(File.Exists(result.LibraryPath));
        Assert.StartsWith(_fixture.CacheRoot, result.LibraryPath, StringComparison.Ordinal);
        Assert.Equal(SourceLanguage.C, result.Language);
        Assert.False(result.CacheHit);
        Assert.False(result.Prebuilt);
        Assert.Equal(64, result.Key.Hex.Length);
        Assert.Contains("-shared", result.CommandLine, StringComparison.Ordinal);
        Assert.Contains("-O2", result.CommandLine, StringComparison.Ordinal);
        Assert.NotNull(result.CompilerVersion);
        Assert.Equal(5, BuildFixture.CallIntInt(result.LibraryPath, "add", 2, 3));
    }

    [Fact]
    public void Build_SecondTime_IsCacheHitWithSamePath()
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.True(second.CacheHit);
        Assert.Equal(first.LibraryPath, second.LibraryPath);
        Assert.Equal(first.Key, second.Key);
        Assert.Equal(TimeSpan.Zero, second.CompileElapsed);
        Assert.True(second.Elapsed < TimeSpan.FromMilliseconds(250), $"warm build took {second.Elapsed.TotalMilliseconds} ms");
        Assert.Single(_fixture.Manifests());
    }

    [Fact]
    public void Build_WarmPath_TakesOnlyMilliseconds()
    {
        var source = _fixture.Write("add.c", "#include <stdio.h>\n#include <stdlib.h>\n" + AddSource);
        NativeBuilder.Build(source, _fixture.Options);

        var timings = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = NativeBuilder.Build(source, _fixture.Options);
            timings.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.True(result.CacheHit);
        }

        timings.Sort();
        Assert.True(timings[10] < 20, $"median warm build {timings[10]:0.00} ms");
    }

    [Fact]
    public async Task BuildAsync_CSource_ProducesCallableLibrary()
    {
        var source = _fixture.Write("add.c", AddSource);

        var result = await NativeBuilder.BuildAsync(source, _fixture.Options);

        Assert.Equal(7, BuildFixture.CallIntInt(result.LibraryPath, "add", 3, 4));
    }

    [Fact]
    public void Build_DebugOptimization_UsesDebugFlags()
    {
        var source = _fixture.Write("add.c", AddSource);

        var result = NativeBuilder.Build(source, _fixture.Options with { Optimization = OptimizationLevel.Debug });

        Assert.Contains("-O0 -g", result.CommandLine, StringComparison.Ordinal);
        Assert.Equal(5, BuildFixture.CallIntInt(result.LibraryPath, "add", 2, 3));
    }

    [SkippableFact]
    public void Build_CppSource_ProducesCallableLibrary()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        var source = _fixture.Write("vec.cpp", """
            #include <vector>
            #include <numeric>
            extern "C" int add(int a, int b) {
                std::vector<int> values{a, b};
                return std::accumulate(values.begin(), values.end(), 0);
            }
            """);

        var result = NativeBuilder.Build(source, _fixture.Options);

        Assert.Equal(SourceLanguage.Cpp, result.Language);
        Assert.Equal(42, BuildFixture.CallIntInt(result.LibraryPath, "add", 40, 2));
    }

    [SkippableFact]
    public void Build_RustSource_ProducesCallableLibrary()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        var source = _fixture.Write("lib.rs", """
            mod helper;
            #[no_mangle]
            pub extern "C" fn add(a: i32, b: i32) -> i32 { helper::sum(a, b) }
            """);
        _fixture.Write("helper.rs", "pub fn sum(a: i32, b: i32) -> i32 { a + b }\n");

        var result = NativeBuilder.Build(source, _fixture.Options);

        Assert.Equal(SourceLanguage.Rust, result.Language);
        Assert.Contains("cdylib", result.CommandLine, StringComparison.Ordinal);
        Assert.Equal(1, result.HeaderCount); // helper.rs, recorded from rustc's dep-info
        Assert.Equal(11, BuildFixture.CallIntInt(result.LibraryPath, "add", 5, 6));
    }

    [SkippableFact]
    public void Build_RustModuleEdited_RebuildsWithNewCode()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        var source = _fixture.Write("lib.rs", "mod helper;\n#[no_mangle]\npub extern \"C\" fn value() -> i32 { helper::VALUE }\n");
        _fixture.Write("helper.rs", "pub const VALUE: i32 = 1;\n");
        var first = NativeBuilder.Build(source, _fixture.Options);

        _fixture.Write("helper.rs", "pub const VALUE: i32 = 2;\n");
        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(1, BuildFixture.CallInt(first.LibraryPath, "value"));
        Assert.Equal(2, BuildFixture.CallInt(second.LibraryPath, "value"));
    }

    [Fact]
    public void Build_ExtraSourceAndHeaderEdited_NextBuildSeesNewCode()
    {
        var source = _fixture.Write("main.c", "#include \"inc/config.h\"\nint helper(void);\nint value(void) { return helper() * 100 + CONFIG; }\n");
        _fixture.Write("inc/config.h", "#include \"base.h\"\n#define CONFIG (BASE + 1)\n");
        _fixture.Write("inc/base.h", "#define BASE 1\n");
        var helper = _fixture.Write("helper.c", "int helper(void) { return 1; }\n");
        var options = _fixture.Options with { Sources = [helper] };
        var first = NativeBuilder.Build(source, options);
        Assert.Equal(102, BuildFixture.CallInt(first.LibraryPath, "value"));

        _fixture.Write("helper.c", "int helper(void) { return 3; }\n");
        var second = NativeBuilder.Build(source, options);
        Assert.False(second.CacheHit);
        Assert.Equal(302, BuildFixture.CallInt(second.LibraryPath, "value"));

        _fixture.Write("inc/base.h", "#define BASE 5\n");
        var third = NativeBuilder.Build(source, options);
        Assert.False(third.CacheHit);
        Assert.Equal(306, BuildFixture.CallInt(third.LibraryPath, "value"));

        var fourth = NativeBuilder.Build(source, options);
        Assert.True(fourth.CacheHit);
        Assert.Equal(third.LibraryPath, fourth.LibraryPath);
    }

    [Fact]
    public void Build_PathsWithSpaces_RecordsAndTracksHeaders()
    {
        var source = _fixture.Write("my src/main file.c", "#include \"my header.h\"\nint value(void) { return V; }\n");
        _fixture.Write("my src/my header.h", "#define V 1\n");
        var first = NativeBuilder.Build(source, _fixture.Options);
        Assert.Equal(1, first.HeaderCount - SystemHeaderCount(first));

        _fixture.Write("my src/my header.h", "#define V 2\n");
        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(2, BuildFixture.CallInt(second.LibraryPath, "value"));
    }

    [Fact]
    public void Build_HeaderRestored_ServesEarlierEntryAgain()
    {
        var source = _fixture.Write("main.c", "#include \"v.h\"\nint value(void) { return V; }\n");
        _fixture.Write("v.h", "#define V 1\n");
        var first = NativeBuilder.Build(source, _fixture.Options);
        _fixture.Write("v.h", "#define V 2\n");
        NativeBuilder.Build(source, _fixture.Options);

        _fixture.Write("v.h", "#define V 1\n");
        var third = NativeBuilder.Build(source, _fixture.Options);

        Assert.True(third.CacheHit);
        Assert.Equal(first.LibraryPath, third.LibraryPath);
        Assert.Equal(1, BuildFixture.CallInt(third.LibraryPath, "value"));
    }

    [Fact]
    public void Build_HeaderEditedWhileCompiling_EntryIsNeverServedAgain()
    {
        var source = _fixture.Write("main.c", "#include \"v.h\"\nint value(void) { return V; }\n");
        var header = _fixture.Write("v.h", "#define V 1\n");
        var marker = _fixture.Write("edit-after-compile", "");
        // A compiler that, once, edits the header right after reading it: the recorded hash is then newer
        // than what the library was built from.
        var compiler = _fixture.WriteScript("edit-cc", $$"""
            if [ "$1" = --version ]; then exec gcc --version; fi
            gcc "$@" || exit $?
            if [ -f '{{marker}}' ]; then rm '{{marker}}'; sleep 0.05; printf '#define V 2\n' > '{{header}}'; fi
            """);
        var options = _fixture.Options with { Compiler = compiler };
        var first = NativeBuilder.Build(source, options);
        Assert.Equal(1, BuildFixture.CallInt(first.LibraryPath, "value"));

        var second = NativeBuilder.Build(source, options);

        Assert.False(second.CacheHit);
        Assert.Equal(2, BuildFixture.CallInt(second.LibraryPath, "value"));
        Assert.True(NativeBuilder.Build(source, options).CacheHit);
    }

    [Fact]
    public void Build_SyntaxError_ThrowsWithDiagnosticsAndCachesNothing()
    {
        var source = _fixture.Write("bad.c", "int ok(void) { return 0; }\nint add(int a, int b) { return a + b }\n");

        var error = Assert.Throws<NativeBuildException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains(source, error.CommandLine, StringComparison.Ordinal);
        var first = error.Diagnostics.First(d => d.Severity == "error");
        Assert.Equal(source, first.File);
        Assert.Equal(2, first.Line);
        Assert.Equal(37, first.Column);
        Assert.Contains("expected ';'", first.Message, StringComparison.Ordinal);
        Assert.Contains("bad.c:2:37", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected ';'", error.Output, StringComparison.Ordinal);
        Assert.Empty(_fixture.CacheFiles());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_fixture.CacheRoot, "tmp")));

        var again = Assert.Throws<NativeBuildException>(() => NativeBuilder.Build(source, _fixture.Options));
        Assert.Equal(first, again.Diagnostics.First(d => d.Severity == "error"));
    }

    [SkippableFact]
    public void Build_RustTypeError_ThrowsWithRustDiagnostic()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        var source = _fixture.Write("bad.rs", "#[no_mangle]\npub extern \"C\" fn f() -> i32 {\n    \"text\"\n}\n");

        var error = Assert.Throws<NativeBuildException>(() => NativeBuilder.Build(source, _fixture.Options));

        var first = error.Diagnostics.First(d => d.Severity == "error");
        Assert.Equal(source, first.File);
        Assert.Equal(3, first.Line);
        Assert.Equal(5, first.Column);
        Assert.Contains("E0308", first.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.CacheFiles());
    }

    [Fact]
    public void Build_MissingLibrary_ReportsLinkerError()
    {
        var source = _fixture.Write("add.c", AddSource);

        var error = Assert.Throws<NativeBuildException>(() =>
            NativeBuilder.Build(source, _fixture.Options with { Libraries = ["relaxnative_does_not_exist"] }));

        Assert.Contains(error.Diagnostics, d => d.Severity == "error" && d.Message.Contains("relaxnative_does_not_exist", StringComparison.Ordinal));
        Assert.Empty(_fixture.CacheFiles());
    }

    [Fact]
    public async Task BuildAsync_Cancelled_KillsCompilerAndCachesNothing()
    {
        var source = _fixture.Write("add.c", AddSource);
        var slow = _fixture.WriteScript("slow-cc", "if [ \"$1\" = --version ]; then echo slow-cc 1.0; exit 0; fi\nsleep 30");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            NativeBuilder.BuildAsync(source, _fixture.Options with { Compiler = slow }, cancellation.Token));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Empty(_fixture.CacheFiles());
    }

    [Fact]
    public void Build_MissingSource_ThrowsFileNotFound()
    {
        var error = Assert.Throws<FileNotFoundException>(() => NativeBuilder.Build(Path.Combine(_fixture.Folder, "nope.c"), _fixture.Options));

        Assert.Contains("nope.c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownExtension_ThrowsArgumentException()
    {
        var source = _fixture.Write("lib.go", "package main\n");

        var error = Assert.Throws<ArgumentException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains(".go", error.Message, StringComparison.Ordinal);
    }

    private static int SystemHeaderCount(CompileResult result) =>
        CacheTamper.ReadManifest(result).Headers.Count(h => h.Path.StartsWith("/usr/", StringComparison.Ordinal));

    [Fact]
    public void Build_TwoProcessesAtOnce_BothSucceedWithOneEntry()
    {
        var source = _fixture.Write("race.c", "#include <stdio.h>\n" + AddSource);
        // Both children wait for the same instant so that their compiles overlap.
        var startAt = DateTime.UtcNow.AddSeconds(3).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string?>();

        using var first = BuildFixture.StartChild(environment, "build-race", source, _fixture.CacheRoot, startAt);
        using var second = BuildFixture.StartChild(environment, "build-race", source, _fixture.CacheRoot, startAt);
        var a = BuildFixture.Wait(first);
        var b = BuildFixture.Wait(second);

        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        var pathA = a.Output.Trim().Split('|')[0];
        var pathB = b.Output.Trim().Split('|')[0];
        Assert.Equal(pathA, pathB);
        Assert.Single(_fixture.Manifests());
        Assert.Empty(Directory.GetDirectories(Path.Combine(_fixture.CacheRoot, "tmp")));
        Assert.Equal(5, BuildFixture.CallIntInt(pathA, "add", 2, 3));
    }
}
