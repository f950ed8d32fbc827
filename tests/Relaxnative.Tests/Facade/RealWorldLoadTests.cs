using Relaxnative.Build;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade;

/// <summary>Native.Load on code shaped like real libraries (tests/native/realworld): every export is bound or skipped with the reason.</summary>
public sealed class RealWorldLoadTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "relaxnative-realworld-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private LoadOptions Options(BuildOptions? build = null) =>
        new() { Isolation = IsolationMode.InProcess, Build = (build ?? BuildOptions.Default) with { CacheDirectory = _cache } };

    private static string Fixture(string name) => NativeFixtures.SourcePath("realworld/" + name);

    /// <summary>The invariant of every load: each exported function is bound or skipped, and no name is listed twice.</summary>
    private static void AssertAccounted(NativeModule module)
    {
        var bound = module.Functions.Select(f => f.Name).ToArray();
        var skipped = module.Skipped.Select(s => s.Name).ToArray();
        Assert.Equal(bound.Length, bound.Distinct().Count());
        Assert.Equal(skipped.Length, skipped.Distinct().Count());
        Assert.Empty(bound.Intersect(skipped));
        Assert.True(module.ExportedCount <= bound.Length + skipped.Length, $"{module.ExportedCount} exported, {bound.Length} bound, {skipped.Length} skipped");
    }

    [Fact]
    public void Load_ExportMacroWrappingTheType_BindsEveryPublicFunction()
    {
        using var module = Native.Load(Fixture("exportmacro_lib.c"), Options(new BuildOptions { Flags = ["-fvisibility=hidden"] }));

        AssertAccounted(module);
        Assert.Equal(5, module.ExportedCount);
        Assert.Equal(["mylib_add", "mylib_pair_sum", "mylib_scale", "mylib_sum", "mylib_version"], module.Functions.Select(f => f.Name).Order());
        Assert.Equal(5, module["mylib_add"].Invoke(2, 3));
        Assert.Equal("mylib 1.4.2", module["mylib_version"].Invoke());
        Assert.Equal(7.5, module["mylib_scale"].Invoke(2.5, 3.0));
        Assert.Equal(10, module["mylib_sum"].Invoke(4, 1, 2, 3, 4));
        // A struct by value binds: the header defines it, and its layout comes from the compiler.
        Assert.Equal(7, module["mylib_pair_sum"].Invoke(new byte[] { 3, 0, 0, 0, 4, 0, 0, 0 }));
        // Not marked MYLIB_API: hidden by the flag, and the reason says so; static and #if 0 code is never listed.
        Assert.Contains("-fvisibility=hidden", Reason(module, "mylib_internal"), StringComparison.Ordinal);
        Assert.Contains("exportmacro_lib.c:7", Reason(module, "mylib_internal"), StringComparison.Ordinal);
        Assert.DoesNotContain(module.Skipped, s => s.Name is "twice" or "mylib_disabled");
        Assert.Equal(5, module.Functions.Count + module.Skipped.Count(s => s.Name != "mylib_internal"));
    }

    [Fact]
    public void Load_TypedefdScalarsPointersFunctionPointersHandles_BindAsTheirUnderlyingTypes()
    {
        using var module = Native.Load(Fixture("typedefs_lib.c"), Options());

        AssertAccounted(module);
        Assert.Equal(module.ExportedCount, module.Functions.Count);
        Assert.Empty(module.Skipped);
        byte[] data = [1, 2, 3];
        Assert.Equal((((7UL * 31) + 1) * 31 + 2) * 31 + 3, module["td_checksum"].Invoke(7UL, data, 3u));
        Assert.Equal("uLong", module["td_checksum"].Signature.Parameters[0].Type.Underlying?.TypedefName ?? module["td_checksum"].Signature.Parameters[0].Type.TypedefName);
        Assert.Equal("Good day", module["td_greeting"].Invoke(1)?.ToString());
        var counter = module["td_counter_new"].Invoke(40L);
        Assert.Equal(42L, module["td_counter_add"].Invoke(counter, 2L));
        module["td_counter_free"].Invoke(counter);
        var doubler = module["td_doubler"].Invoke();
        Assert.Equal(42, module["td_apply"].Invoke(doubler, 21));
    }

    [Fact]
    public void Load_SingleHeaderLibrary_ThroughWrapperAndThroughTheHeader()
    {
        using var wrapper = Native.Load(Fixture("singleheader_wrapper.c"), Options());
        using var header = Native.Load(Fixture("singleheader_lib.h"), Options(new BuildOptions { Defines = ["SINGLEHEADER_IMPLEMENTATION"] }));

        foreach (var module in new[] { wrapper, header })
        {
            AssertAccounted(module);
            Assert.Equal(["sh_clamp", "sh_hash"], module.Functions.Select(f => f.Name).Order());
            Assert.Empty(module.Skipped);
            Assert.Equal(10, module["sh_clamp"].Invoke(42, 0, 10));
            Assert.Equal(0xe40c292cu, module["sh_hash"].Invoke("a")); // FNV-1a of "a"
        }
    }

    [SkippableFact]
    public void Load_CppWithCLinkageFromItsHeader_BindsThePlainNames()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        using var module = Native.Load(Fixture("cpplinkage_lib.cpp"), Options());

        AssertAccounted(module);
        Assert.Equal(["cl_mesh_free", "cl_mesh_new", "cl_mesh_vertices"], module.Functions.Select(f => f.Name).Order());
        var mesh = module["cl_mesh_new"].Invoke(12);
        Assert.Equal(12, module["cl_mesh_vertices"].Invoke(mesh));
        module["cl_mesh_free"].Invoke(mesh);
        Assert.Contains("extern \"C\"", Reason(module, "cl_internal_count"), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyMacrosLocalAndParenthesisedNames_BindExactly()
    {
        using var module = Native.Load(Fixture("zlibshape_lib.c"), Options());

        AssertAccounted(module);
        Assert.Equal(["zs_adler32", "zs_gettop"], module.Functions.Select(f => f.Name).Order());
        Assert.Empty(module.Skipped); // zs_mod is `local`, that is static
        byte[] wikipedia = "Wikipedia"u8.ToArray();
        Assert.Equal(0x11E60398UL, module["zs_adler32"].Invoke(1UL, wikipedia, (uint)wikipedia.Length));
        Assert.Equal(-1, module["zs_gettop"].Invoke((object?)null));
    }

    [Theory]
    [InlineData(false, 2, 305L)]
    [InlineData(true, 3, 3 * 7 + 5L)]
    public void Load_IfdefSplitParameters_DefinesChooseTheBranch(bool wide, int parameterCount, long expected)
    {
        using var module = Native.Load(Fixture("ifdefsplit_lib.c"), Options(new BuildOptions { Defines = wide ? ["WIDE_INDEX"] : [] }));

        AssertAccounted(module);
        var index = module["ifs_index"];
        Assert.Equal(parameterCount, index.Signature.Parameters.Count);
        object? result = wide ? index.Invoke(3L, 5L, 7L) : index.Invoke(3, 5);
        Assert.Equal(expected, Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Load_MultiFileWithOneHeader_BindsFromEveryFileWithAnnotations()
    {
        using var module = Native.Load(Fixture("multifile_a.c"), Options(new BuildOptions { Sources = [Fixture("multifile_b.c")] }));

        AssertAccounted(module);
        Assert.Equal(3, module.ExportedCount);
        Assert.Equal(["mf_add", "mf_mul", "mf_name"], module.Functions.Select(f => f.Name).Order());
        Assert.Equal(5, module["mf_add"].Invoke(2, 3));
        Assert.Equal(6, module["mf_mul"].Invoke(2, 3));
        Assert.Equal("multifile", module["mf_name"].Invoke());
        Assert.Equal(NativeCost.Low, module["mf_add"].Cost);
        Assert.Equal(ExecutionMode.Async, module["mf_mul"].Mode);
    }

    [Fact]
    public void Load_Warm_ReusesTheStoredModelAndBindsTheSame()
    {
        using var cold = Native.Load(Fixture("typedefs_lib.c"), Options());
        using var warm = Native.Load(Fixture("typedefs_lib.c"), Options());

        Assert.Equal(cold.Functions.Select(f => f.Signature.ToString()).Order(), warm.Functions.Select(f => f.Signature.ToString()).Order());
        Assert.Equal(cold.ExportedCount, warm.ExportedCount);
    }

    private static string Reason(NativeModule module, string name) =>
        Assert.Single(module.Skipped, s => s.Name == name).Reason;
}
