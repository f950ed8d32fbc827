namespace Relaxnative.Tests.Cli;

public sealed class DoctorCommandTests
{
    [Fact]
    public void Doctor_WithCompiler_ListsCCompilerAndExitsZero()
    {
        var result = CliRunner.Run("doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("runtime: .NET", result.StandardOutput);
        Assert.Matches(@"│ C\s+│ [^│]+│ /\S+", result.StandardOutput);
        // The family and version, not only the driver name (cc): "gcc 12.2.0 (cc)".
        Assert.Matches(@"│ C\s+│ (gcc|clang|apple-clang) \d+\.\d+\.\d+", result.StandardOutput);
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
        Assert.Matches(@"^(gcc|clang|apple-clang) \d+\.\d+\.\d+$", c.GetProperty("identity").GetString());
        Assert.Equal(CliRunner.CacheDirectory, json.GetProperty("cache").GetProperty("root").GetString());
        Assert.True(json.GetProperty("helper").GetProperty("found").GetBoolean());
    }
}
