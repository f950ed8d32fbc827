namespace Relaxnative.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_WithCompiler_ListsCCompilerAndExitsZero()
    {
        var result = CliRunner.Run("doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("runtime: .NET", result.StandardOutput);
        Assert.Matches(@"│ C\s+│ \S+\s+│ /\S+", result.StandardOutput);
        Assert.Contains("cache: " + CliRunner.CacheDirectory, result.StandardOutput);
        Assert.Contains("Relaxnative.Host", result.StandardOutput);
    }

    [Fact]
    public void Doctor_WithPathClearedAndCcUnset_ExitsOneNamingTheFix()
    {
        var result = CliRunner.Run(new Dictionary<string, string?> { ["PATH"] = "", ["CC"] = null, ["CXX"] = null, ["RUSTC"] = null }, "doctor");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("No C compiler is usable", result.StandardError);
        Assert.Contains("gcc", result.StandardError);
    }

    [Fact]
    public void Doctor_Json_ParsesWithCompilersAndCache()
    {
        var result = CliRunner.Run("doctor", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = result.Json;
        Assert.True(json.GetProperty("ok").GetBoolean());
        var c = json.GetProperty("compilers").EnumerateArray().Single(l => l.GetProperty("language").GetString() == "C");
        Assert.StartsWith("/", c.GetProperty("path").GetString());
        Assert.Equal(CliRunner.CacheDirectory, json.GetProperty("cache").GetProperty("root").GetString());
        Assert.True(json.GetProperty("helper").GetProperty("found").GetBoolean());
    }
}
