using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>One test per cache-key input: changing it must change the key (and never serve the old build).</summary>
public sealed class CacheKeyTests : IDisposable
{
    private readonly BuildFixture _fixture = new();
    private readonly string _source;

    public CacheKeyTests()
    {
        _source = _fixture.Write("src/kernel.c", "#include \"outer.h\"\nint value(void) { return OUTER; }\n");
        _fixture.Write("src/outer.h", "#include \"inner.h\"\n#define OUTER (INNER + 1)\n");
        _fixture.Write("src/inner.h", "#define INNER 1\n");
        Directory.CreateDirectory(Path.Combine(_fixture.Folder, "extra-dir"));
    }

    public void Dispose() => _fixture.Dispose();

    private string ExtraDir => Path.Combine(_fixture.Folder, "extra-dir");

    [Fact]
    public void Key_SameInputs_IsStable()
    {
        var first = Build(_fixture.Options);
        var second = Build(_fixture.Options with { Flags = [] });

        Assert.Equal(first.Key, second.Key);
        Assert.True(second.CacheHit);
    }

    [Fact]
    public void Key_SourceBytesChanged_Changes() =>
        AssertChanges(() => _fixture.Write("src/kernel.c", "#include \"outer.h\"\nint value(void) { return OUTER + 1; }\n"));

    [Fact]
    public void Key_DirectHeaderChanged_Changes() =>
        AssertChanges(() => _fixture.Write("src/outer.h", "#include \"inner.h\"\n#define OUTER (INNER + 2)\n"));

    [Fact]
    public void Key_TransitivelyIncludedHeaderChanged_Changes()
    {
        var before = Build(_fixture.Options);
        _fixture.Write("src/inner.h", "#define INNER 41\n");

        var after = Build(_fixture.Options);

        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
        Assert.Equal(42, BuildFixture.CallInt(after.LibraryPath, "value"));
    }

    [Fact]
    public void Key_ExtraSourceAdded_Changes()
    {
        var extra = _fixture.Write("src/extra.c", "int extra(void) { return 1; }\n");
        AssertOptionChanges(_fixture.Options with { Sources = [extra] });
    }

    [Fact]
    public void Key_ExtraSourceBytesChanged_Changes()
    {
        var extra = _fixture.Write("src/extra.c", "int extra(void) { return 1; }\n");
        var options = _fixture.Options with { Sources = [extra] };
        var before = Build(options);
        _fixture.Write("src/extra.c", "int extra(void) { return 2; }\n");

        var after = Build(options);

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal(2, BuildFixture.CallInt(after.LibraryPath, "extra"));
    }

    [Fact]
    public void Key_FlagsChanged_Changes() => AssertOptionChanges(_fixture.Options with { Flags = ["-Wall"] });

    [Fact]
    public void Key_FlagOrderChanged_Changes()
    {
        var before = Build(_fixture.Options with { Flags = ["-Wall", "-Wextra"] });
        var after = Build(_fixture.Options with { Flags = ["-Wextra", "-Wall"] });

        Assert.NotEqual(before.Key, after.Key);
    }

    [Fact]
    public void Key_DefinesChanged_Changes() => AssertOptionChanges(_fixture.Options with { Defines = ["UNUSED=1"] });

    [Fact]
    public void Key_IncludePathsChanged_Changes() => AssertOptionChanges(_fixture.Options with { IncludePaths = [ExtraDir] });

    [Fact]
    public void Key_LibraryPathsChanged_Changes() => AssertOptionChanges(_fixture.Options with { LibraryPaths = [ExtraDir] });

    [Fact]
    public void Key_LibrariesChanged_Changes() => AssertOptionChanges(_fixture.Options with { Libraries = ["m"] });

    [Fact]
    public void Key_OptimizationChanged_Changes() => AssertOptionChanges(_fixture.Options with { Optimization = OptimizationLevel.Debug });

    [Fact]
    public void Key_CompilerPathChanged_Changes()
    {
        var wrapper = _fixture.WriteScript("bin/my-cc", "exec gcc \"$@\"");

        AssertOptionChanges(_fixture.Options with { Compiler = wrapper });
    }

    [Fact]
    public void Key_CompilerVersionChanged_Changes()
    {
        // Same path, different --version: a fresh locator per "process" sees the upgrade.
        const string body = "if [ \"$1\" = --version ]; then echo 'wrapped-cc {0}'; exit 0; fi\nexec gcc \"$@\"";
        var wrapper = _fixture.WriteScript("bin/cc", body.Replace("{0}", "1.0", StringComparison.Ordinal));
        var options = _fixture.Options with { Compiler = wrapper };
        var before = Build(options, NewEngine());

        _fixture.WriteScript("bin/cc", body.Replace("{0}", "2.0", StringComparison.Ordinal));
        var after = Build(options, NewEngine());

        Assert.Equal("wrapped-cc 1.0", before.CompilerVersion);
        Assert.Equal("wrapped-cc 2.0", after.CompilerVersion);
        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
    }

    [Fact]
    public void Key_SchemaChanged_Changes()
    {
        var before = Build(_fixture.Options);
        var after = Build(_fixture.Options, new BuildEngine(BuildEnvironment.Default with { Schema = BuildSchema.Version + 1 }));

        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
    }

    [Fact]
    public void Key_PlatformChanged_Changes()
    {
        var before = Build(_fixture.Options);
        var after = Build(_fixture.Options, new BuildEngine(BuildEnvironment.Default with { Platform = "other-os/arm64" }));

        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
    }

    [Fact]
    public void Key_LanguageChanged_Changes()
    {
        // The language follows the extension, which also changes the path; the recipe is checked directly
        // so that the language alone is shown to matter.
        var inputs = BuildInputs.Create(_source, _fixture.Options);
        var toolchain = new Toolchain(SourceLanguage.C, "/usr/bin/cc", "cc 1");

        var asC = CacheKeys.SourceSet(inputs, toolchain, "analysis", BuildEnvironment.Default);
        var asCpp = CacheKeys.SourceSet(inputs with { Language = SourceLanguage.Cpp }, toolchain, "analysis", BuildEnvironment.Default);

        Assert.NotEqual(asC, asCpp);
    }

    [Fact]
    public void Key_SameBytesInAnotherFolder_Changes()
    {
        // "#include" resolves against the source's folder, so the path is part of the key.
        var before = Build(_fixture.Options);
        var copy = _fixture.Write("other/kernel.c", File.ReadAllText(_source));
        _fixture.Write("other/outer.h", "#define OUTER 7\n");

        var after = NativeBuilder.Build(copy, _fixture.Options);

        Assert.NotEqual(before.Key, after.Key);
        Assert.Equal(7, BuildFixture.CallInt(after.LibraryPath, "value"));
    }

    [Fact]
    public void Build_NewHeaderShadowsRecordedOneInEarlierIncludePath_Rebuilds()
    {
        var source = _fixture.Write("shadow/main.c", "#include <config.h>\nint value(void) { return CONFIG; }\n");
        var first = Path.Combine(_fixture.Folder, "shadow", "first");
        Directory.CreateDirectory(first);
        _fixture.Write("shadow/second/config.h", "#define CONFIG 2\n");
        var options = _fixture.Options with { IncludePaths = [first, Path.Combine(_fixture.Folder, "shadow", "second")] };
        Assert.Equal(2, BuildFixture.CallInt(NativeBuilder.Build(source, options).LibraryPath, "value"));

        _fixture.Write("shadow/first/config.h", "#define CONFIG 1\n");
        var after = NativeBuilder.Build(source, options);

        Assert.False(after.CacheHit);
        Assert.Equal(1, BuildFixture.CallInt(after.LibraryPath, "value"));
    }

    [Fact]
    public void Build_NewHeaderBesideSourceShadowsIncludePath_Rebuilds()
    {
        var source = _fixture.Write("quote/main.c", "#include \"config.h\"\nint value(void) { return CONFIG; }\n");
        _fixture.Write("quote/inc/config.h", "#define CONFIG 2\n");
        var options = _fixture.Options with { IncludePaths = [Path.Combine(_fixture.Folder, "quote", "inc")] };
        Assert.Equal(2, BuildFixture.CallInt(NativeBuilder.Build(source, options).LibraryPath, "value"));
        Assert.True(NativeBuilder.Build(source, options).CacheHit);

        _fixture.Write("quote/config.h", "#define CONFIG 1\n");
        var after = NativeBuilder.Build(source, options);

        Assert.False(after.CacheHit);
        Assert.Equal(1, BuildFixture.CallInt(after.LibraryPath, "value"));
    }

    [Fact]
    public void Key_ListElementBoundaries_AreUnambiguous()
    {
        var inputs = BuildInputs.Create(_source, _fixture.Options with { Flags = ["-DA -DB"] });
        var split = BuildInputs.Create(_source, _fixture.Options with { Flags = ["-DA", "-DB"] });
        var toolchain = new Toolchain(SourceLanguage.C, "/usr/bin/cc", "cc 1");

        Assert.NotEqual(CacheKeys.SourceSet(inputs, toolchain, "analysis", BuildEnvironment.Default), CacheKeys.SourceSet(split, toolchain, "analysis", BuildEnvironment.Default));
    }

    private void AssertChanges(Action change)
    {
        var before = Build(_fixture.Options);
        change();

        var after = Build(_fixture.Options);

        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
        Assert.NotEqual(before.LibraryPath, after.LibraryPath);
    }

    private void AssertOptionChanges(BuildOptions changed)
    {
        var before = Build(_fixture.Options);

        var after = Build(changed);

        Assert.NotEqual(before.Key, after.Key);
        Assert.False(after.CacheHit);
    }

    private CompileResult Build(BuildOptions options, BuildEngine? engine = null) =>
        (engine ?? BuildEngine.Default).BuildAsync(_source, options, searchPrebuilt: false, CancellationToken.None).GetAwaiter().GetResult().Result;

    private static BuildEngine NewEngine() =>
        new(BuildEnvironment.Default with { Toolchains = new ToolchainLocator(Environment.GetEnvironmentVariable) });
}
