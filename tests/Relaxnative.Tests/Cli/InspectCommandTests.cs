using Relaxnative.Build;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Cli;

public sealed class InspectCommandTests
{
    [SkippableFact]
    public void Inspect_CppSource_ShowsSignaturesAndSkippedFunctions()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        var result = CliRunner.Run("inspect", CliRunner.Example("cpp/stats.cpp"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("double median_f64(const double* values, size_t n)", result.StandardOutput);
        Assert.Contains("NativeBuffer | NativePointer | double[] | nint", result.StandardOutput);
        Assert.Contains("skipped:", result.StandardOutput);
        Assert.Contains("mean_f64: C++ function without extern \"C\"", result.StandardOutput);
        Assert.Contains("stats.cpp:", result.StandardOutput);
        Assert.EndsWith("1 exported, 1 bound, 1 skipped", result.StandardOutput.TrimEnd());
    }

    [Fact]
    public void Inspect_TypedefdSignatures_ShowsWrittenAndResolvedWithSummary()
    {
        var result = CliRunner.Run("inspect", "--json", Path.Combine(AppContext.BaseDirectory, "native", "realworld", "typedefs_lib.c"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var checksum = result.Json.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "td_checksum");
        Assert.Equal("checksum_t td_checksum(checksum_t seed, const Bytef* buf, uInt len)", checksum.GetProperty("signature").GetString());
        Assert.Equal("unsigned long td_checksum(unsigned long seed, const unsigned char* buf, unsigned int len)", checksum.GetProperty("resolved").GetString());
        Assert.Equal(7, result.Json.GetProperty("exported").GetInt32());
        Assert.Equal(7, result.Json.GetProperty("bound").GetInt32());
    }

    [Fact]
    public void Inspect_Json_ParsesWithFunctionsTypesAndSkipped()
    {
        var result = CliRunner.Run("inspect", "--json", CliRunner.Example("heavy.c"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var heavy = result.Json.GetProperty("functions").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "heavy");
        Assert.Equal("Async", heavy.GetProperty("mode").GetString());
        Assert.Equal("High", heavy.GetProperty("cost").GetString());
        Assert.Equal("long", heavy.GetProperty("parameters")[0].GetProperty("dotnet").GetString());
        Assert.Equal("double", heavy.GetProperty("returns").GetProperty("dotnet").GetString());
        Assert.Equal(0, result.Json.GetProperty("skipped").GetArrayLength());
    }

    [SkippableFact]
    public void Inspect_JsonOfCpp_ListsSkippedWithReason()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        var result = CliRunner.Run("inspect", "--json", CliRunner.Example("cpp/stats.cpp"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var skipped = Assert.Single(result.Json.GetProperty("skipped").EnumerateArray());
        Assert.Equal("mean_f64", skipped.GetProperty("name").GetString());
        Assert.Contains("extern \"C\"", skipped.GetProperty("reason").GetString());
    }
}
