using Relaxnative.Build;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_KnownKernelWithTraditional_ReportsBothAndTheSpeedUp()
    {
        var result = CliRunner.Run("bench", CliRunner.Example("buffers.c"), "sum_u8", "--size", "1024", "--iterations", "200", "--warmup", "5", "--traditional");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("typed call", result.StandardOutput);
        Assert.Contains("native", result.StandardOutput);
        Assert.Contains("C#", result.StandardOutput);
        Assert.StartsWith("speed-up: ", result.LastLine);
    }

    [Fact]
    public void Bench_Json_ParsesWithStatistics()
    {
        var result = CliRunner.Run("bench", "--json", CliRunner.Example("add.c"), "add", "--args", "2", "3", "--iterations", "100", "--traditional");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.Equal("typed", json.GetProperty("path").GetString());
        var native = json.GetProperty("native");
        Assert.Equal(100, native.GetProperty("iterations").GetInt32());
        Assert.True(native.GetProperty("callsPerSecond").GetDouble() > 0);
        Assert.True(native.GetProperty("minNs").GetDouble() <= native.GetProperty("p95Ns").GetDouble());
        Assert.True(json.GetProperty("speedup").GetDouble() > 0);
    }

    [SkippableFact]
    public void Bench_UnknownFunction_UsesInvokeAndSynthesisesBuffers()
    {
        RequiredCompiler.For(SourceLanguage.Cpp);
        var result = CliRunner.Run("bench", "--json", CliRunner.Example("cpp/stats.cpp"), "median_f64", "--size", "64", "--iterations", "50");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("invoke", result.Json.GetProperty("path").GetString());
        Assert.Equal(64, result.Json.GetProperty("count").GetInt32());
    }
}
