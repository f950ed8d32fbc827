using System.Diagnostics.Tracing;
using Relaxnative.Build;
using Relaxnative.Tests.Examples;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade;

public sealed class NativeLoadTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "relaxnative-load-tests-" + Guid.NewGuid().ToString("N"));
    private readonly string _work = Path.Combine(Path.GetTempPath(), "relaxnative-load-work-" + Guid.NewGuid().ToString("N"));

    public NativeLoadTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        foreach (string folder in new[] { _cache, _work })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private LoadOptions Options => new() { Build = new BuildOptions { CacheDirectory = _cache } };

    [Fact]
    public void Load_CSource_BindsEveryExportAndCalls()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("add.c"), Options);

        Assert.Equal(["add", "noop"], module.Functions.Select(f => f.Name).Order());
        Assert.Equal(5, module["add"].Invoke(2, 3));
        Assert.Equal(7, module["add"].AsDelegate<Func<int, int, int>>()(3, 4));
        Assert.Equal(9, (int)module.AsDynamic().add(4, 5));
        Assert.Equal(ExampleLibrary.PathOf("add.c"), module.SourcePath);
        Assert.True(File.Exists(module.LibraryPath));
        Assert.Empty(module.Skipped);
    }

    [Fact]
    public void Build_FirstLoadThenSecond_SaysCompiledThenCacheHit()
    {
        using var first = Native.Load(ExampleLibrary.PathOf("add.c"), Options);
        using var second = Native.Load(ExampleLibrary.PathOf("add.c"), Options);
        using var opened = Native.Open(first.LibraryPath);

        Assert.False(first.Build!.CacheHit);
        Assert.True(first.Build.CompileTime > TimeSpan.Zero);
        Assert.NotNull(first.Build.CompilerPath);
        Assert.True(second.Build!.CacheHit);
        Assert.False(second.Build.Prebuilt);
        Assert.Equal(TimeSpan.Zero, second.Build.CompileTime);
        Assert.Equal(first.Build.CacheKey, second.Build.CacheKey);
        Assert.Matches("^[0-9a-f]{64}$", second.Build.CacheKey);
        Assert.Null(opened.Build);
    }

    [Fact]
    public void Load_Kernels_WithBuffersAndArrays_ComputeTheReferenceValues()
    {
        using var buffers = Native.Load(ExampleLibrary.PathOf("buffers.c"), Options);
        using var data = Native.Alloc(1000);
        buffers["fill_u8"].Invoke(data, (nuint)1000, (byte)3);
        Assert.Equal(3000UL, buffers["sum_u8"].Invoke(data, (nuint)1000));

        using var histogram = Native.Load(ExampleLibrary.PathOf("histogram.c"), Options);
        byte[] bytes = [1, 1, 2, 255, 1];
        uint[] bins = new uint[256];
        histogram["histogram_u8"].Invoke(bytes, (nuint)bytes.Length, bins);
        Assert.Equal(3u, bins[1]);
        Assert.Equal(1u, bins[2]);
        Assert.Equal(1u, bins[255]);

        using var dot = Native.Load(ExampleLibrary.PathOf("dot.c"), Options);
        double[] x = [1, 2, 3];
        double[] y = [4, 5, 6];
        Assert.Equal(32.0, dot["dot_f64"].Invoke(x, y, (nuint)3));
    }

    [Fact]
    public void Load_Annotations_SetModeAndCost()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("heavy.c"), Options);
        var heavy = module["heavy"];
        Assert.Equal(ExecutionMode.Async, heavy.Mode);
        Assert.Equal(NativeCost.High, heavy.Cost);
    }

    [Theory]
    [InlineData(null, null, ExecutionMode.Async)]                           // annotation
    [InlineData(ExecutionMode.Sync, null, ExecutionMode.Sync)]             // FunctionModes wins over the annotation
    [InlineData(null, ExecutionMode.Sync, ExecutionMode.Async)]            // annotation wins over DefaultMode
    public void Load_ModePrecedence_FunctionModesThenAnnotationThenDefault(ExecutionMode? perFunction, ExecutionMode? defaultMode, ExecutionMode expected)
    {
        var options = Options with
        {
            DefaultMode = defaultMode,
            FunctionModes = perFunction is { } mode ? new Dictionary<string, ExecutionMode> { ["heavy"] = mode } : null,
        };
        using var module = Native.Load(ExampleLibrary.PathOf("heavy.c"), options);
        Assert.Equal(expected, module["heavy"].Mode);
    }

    [Fact]
    public void Load_DefaultMode_AppliesToUnannotatedFunctions()
    {
        using var plain = Native.Load(ExampleLibrary.PathOf("add.c"), Options);
        Assert.Equal(ExecutionMode.Sync, plain["add"].Mode);
        using var async = Native.Load(ExampleLibrary.PathOf("add.c"), Options with { DefaultMode = ExecutionMode.Async });
        Assert.Equal(ExecutionMode.Async, async["add"].Mode);
    }

    [SkippableFact]
    public void Load_Cpp_BindsExternCAndReportsTheRest()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        using var module = Native.Load(ExampleLibrary.PathOf("cpp/stats.cpp"), Options);
        double[] values = [5, 1, 4, 2, 3];
        Assert.Equal(3.0, module["median_f64"].Invoke(values, (nuint)5));
        var skipped = Assert.Single(module.Skipped, s => s.Name == "mean_f64");
        Assert.Contains("extern \"C\"", skipped.Reason);
        var e = Assert.Throws<NativeBindingException>(() => module["mean_f64"]);
        Assert.Contains("extern \"C\"", e.Message);
    }

    [SkippableFact]
    public void Load_Rust_BindsNoMangleFunctions()
    {
        RequiredCompiler.For(SourceLanguage.Rust);
        using var module = Native.Load(ExampleLibrary.PathOf("rust/fib.rs"), Options);
        Assert.Equal(55UL, module["fib"].Invoke(10u));
        int[] values = [1, 2, 3, -10];
        Assert.Equal(-4L, module["sum_i32"].Invoke(values, (nuint)4));
    }

    [Fact]
    public void Load_UnsupportedFunctions_AreSkippedNotFatal()
    {
        using var module = Native.Load(NativeFixtures.SourcePath("skips.c"), Options);
        Assert.Equal(42, module["doubled"].Invoke(21));
        // Variadic functions bind: the tail is typed per call.
        Assert.Equal(6, module["sum_all"].Invoke(3, 1, 2, 3));
        Assert.DoesNotContain(module.Skipped, s => s.Name == "sum_all");
        // A struct by value binds now that the source defines it.
        var pair = NativeStruct.Create(module.Layout("struct pair"));
        pair["a"] = 2;
        pair["b"] = 40;
        Assert.Equal(42, module["pair_sum"].Invoke(pair));
        Assert.False(module.TryGetFunction("helper", out _)); // static: never exposed
        Assert.DoesNotContain(module.Skipped, s => s.Name == "helper");
    }

    [Fact]
    public void Load_MultiFile_EditingExtraSourceAndHeader_GivesNewResults()
    {
        foreach (string file in new[] { "main.c", "vecmath.c", "vecmath.h" })
        {
            File.Copy(ExampleLibrary.PathOf("multi/" + file), Path.Combine(_work, file));
        }

        string main = Path.Combine(_work, "main.c");
        var options = Options with { Build = Options.Build with { Sources = [Path.Combine(_work, "vecmath.c")] } };
        int[] values = [1, 2, 3];
        int Scaled()
        {
            using var module = Native.Load(main, options);
            return (int)module["scaled_sum"].Invoke(values, (nuint)3)!;
        }

        int original = Scaled();
        string header = Path.Combine(_work, "vecmath.h");
        File.WriteAllText(header, File.ReadAllText(header).Replace("#define SCALE 3", "#define SCALE 10", StringComparison.Ordinal));
        int afterHeader = Scaled();
        Assert.NotEqual(original, afterHeader);
        Assert.Equal(original / 3 * 10, afterHeader);

        string extra = Path.Combine(_work, "vecmath.c");
        File.AppendAllText(extra, "\nint scale_marker(void) { return 1; }\n");
        using var withMarker = Native.Load(main, options);
        Assert.Equal(1, withMarker["scale_marker"].Invoke());
    }

    [Fact]
    public void Load_BrokenSource_ThrowsBuildExceptionEveryTime()
    {
        string broken = Path.Combine(_work, "broken.c");
        File.WriteAllText(broken, "int broken(int x) {\n    return x +;\n}\n");
        for (int attempt = 0; attempt < 2; attempt++)
        {
            var e = Assert.Throws<NativeBuildException>(() => Native.Load(broken, Options));
            var diagnostic = Assert.Single(e.Diagnostics, d => d.Severity == "error");
            Assert.Equal(2, diagnostic.Line);
            Assert.NotEqual(0, e.ExitCode);
        }
    }

    [Fact]
    public void Load_MissingFileOrUnknownType_ThrowsClearly()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => Native.Load(Path.Combine(_work, "nope.c"), Options));
        Assert.Contains("nope.c", missing.Message);
        string text = Path.Combine(_work, "notes.txt");
        File.WriteAllText(text, "hello");
        Assert.Throws<ArgumentException>(() => Native.Load(text, Options));
    }

    [Fact]
    public void Load_PrebuiltSharedLibrary_BindsTheDeclarations()
    {
        string library = NativeFixtures.Build("types.c");
        using var module = Native.Load(library, new LoadOptions { Declarations = ["int add(int a, int b)"] });
        Assert.Equal(5, module["add"].Invoke(2, 3));
        Assert.Null(module.SourcePath);
        Assert.Throws<NativeBindingException>(() => Native.Load(library, new LoadOptions { Declarations = ["int absent(void)"] }));
    }

    [Fact]
    public async Task LoadAsync_LoadsAndHonoursCancellation()
    {
        await using var module = await Native.LoadAsync(ExampleLibrary.PathOf("add.c"), Options);
        Assert.Equal(3, await module["add"].InvokeAsync<int>(1, 2));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Native.LoadAsync(ExampleLibrary.PathOf("add.c"), Options, cancelled.Token));
    }

    [Fact]
    public void Load_Twice_SecondBuildIsACacheHit()
    {
        using var listener = new BuildListener();
        string source = ExampleLibrary.PathOf("xor.c");
        using (Native.Load(source, Options)) { }
        using (Native.Load(source, Options)) { }
        var hits = listener.CacheHits(source);
        Assert.Equal([false, true], hits);
    }

    [Fact]
    public void Trace_Enabled_WritesOneLinePerEvent()
    {
        var result = ChildProcess.Run("load-twice", new Dictionary<string, string?> { ["RELAXNATIVE_TRACE"] = "1" },
            arguments: [ExampleLibrary.PathOf("add.c"), _cache]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, result.StandardOutput.Split('\n').Count(l => l == "add=5"));
        var lines = result.StandardError.Split('\n').Where(l => l.StartsWith("relaxnative event=", StringComparison.Ordinal)).ToList();
        Assert.Contains(lines, l => l.StartsWith("relaxnative event=compiler language=C", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("event=build", StringComparison.Ordinal) && l.Contains("cache=miss", StringComparison.Ordinal));
        Assert.Single(lines, l => l.Contains("event=build", StringComparison.Ordinal) && l.Contains("cache=hit", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.StartsWith("relaxnative event=bind", StringComparison.Ordinal) && l.Contains("functions=2", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("relaxnative event=load", StringComparison.Ordinal)));
    }

    [Fact]
    public void Trace_Disabled_WritesNothing()
    {
        var result = ChildProcess.Run("load-twice", new Dictionary<string, string?> { ["RELAXNATIVE_TRACE"] = null },
            arguments: [ExampleLibrary.PathOf("add.c"), _cache]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("relaxnative event=", result.StandardError);
    }

    [Fact]
    public void Load_Prebuilt_WorksWithNoCompilerOnPath()
    {
        string prebuilt = Path.Combine(_work, "prebuilt");
        NativeBuilder.BuildPrebuilt([ExampleLibrary.PathOf("add.c")], prebuilt, new BuildOptions { CacheDirectory = _cache });
        var result = ChildProcess.Run("load-prebuilt",
            new Dictionary<string, string?> { ["PATH"] = "/nonexistent", ["CC"] = null, ["CXX"] = null, ["RUSTC"] = null },
            arguments: [ExampleLibrary.PathOf("add.c"), prebuilt]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("add=5", result.StandardOutput);
    }

    private sealed class BuildListener : EventListener
    {
        private readonly List<(string Source, bool CacheHit)> _builds = [];

        public IReadOnlyList<bool> CacheHits(string source)
        {
            lock (_builds)
            {
                return [.. _builds.Where(b => b.Source == source).Select(b => b.CacheHit)];
            }
        }

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Relaxnative")
            {
                EnableEvents(eventSource, EventLevel.Informational);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName == "Build" && eventData.Payload is { } payload)
            {
                lock (_builds)
                {
                    _builds.Add(((string)payload[0]!, (bool)payload[1]!));
                }
            }
        }
    }
}
