namespace Relaxnative.Tests.Cli;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("doctor", "--help")]
    [InlineData("build", "--help")]
    [InlineData("inspect", "--help")]
    [InlineData("run", "--help")]
    [InlineData("test", "--help")]
    [InlineData("bench", "--help")]
    [InlineData("cache", "--help")]
    [InlineData("cache", "status", "--help")]
    public void Help_AnyCommand_ExitsZeroWithUsage(params string[] arguments)
    {
        var result = CliRunner.Run(arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Usage:", result.StandardOutput);
        Assert.Contains("\n  relaxnative", result.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Relaxnative.Cli", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_ExitsTwoOnStderr()
    {
        var result = CliRunner.Run("frobnicate");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("frobnicate", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void MistypedCommand_SuggestsTheClosestCommand()
    {
        var result = CliRunner.Run("inspct", "x.c");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Did you mean 'relaxnative inspect'?", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingArgument_NamedOnce()
    {
        var result = CliRunner.Run("inspect");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("file", result.StandardError, StringComparison.Ordinal);
        var errorLines = result.StandardError.Split('\n').Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Equal(errorLines.Count, errorLines.Distinct().Count());
    }

    [Fact]
    public void JsonFlag_Failure_WritesJsonErrorDocument()
    {
        var result = CliRunner.Run("inspect", "/nonexistent/kernel.c", "--json");

        Assert.True(result.ExitCode == 2, result.ToString());
        using var document = System.Text.Json.JsonDocument.Parse(result.StandardOutput);
        Assert.Contains("/nonexistent/kernel.c", document.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, document.RootElement.GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public void UnknownOption_ExitsTwo()
    {
        var result = CliRunner.Run("doctor", "--frobnicate");

        Assert.True(result.ExitCode == 2, result.ToString());
    }

    [Fact]
    public void BadIsolation_ExitsTwo()
    {
        var result = CliRunner.Run("test", CliRunner.Fixture("suite"), "--isolation", "thread");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("thread", result.StandardError);
    }

    [Theory]
    [InlineData("bench", "--iterations", "abc", "a whole number from 1 to 2147483647")]
    [InlineData("bench", "--iterations", "0", "a whole number from 1 to 2147483647")]
    [InlineData("bench", "--size", "99999999999999", "a whole number from 1 to 2147483647")]
    [InlineData("bench", "--size", "-3", "a whole number from 1 to 2147483647")]
    [InlineData("bench", "--warmup", "1e3", "a whole number from 0 to 2147483647")]
    [InlineData("bench", "--isolation", "thread", "one of in-process, worker, process")]
    [InlineData("run", "--isolation", "Worker", "one of in-process, worker, process")]
    [InlineData("test", "--isolation", "none", "one of in-process, worker, process")]
    public void BadOptionValue_ExitsTwoWithOneLineNamingOptionValueAndExpected(string command, string option, string value, string expected)
    {
        string[] target = command == "test" ? [CliRunner.Fixture("suite")] : [CliRunner.Example("add.c"), "add"];
        var result = CliRunner.Run([command, .. target, option, value]);

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, line);
        Assert.Contains($"'{value}'", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.StandardError);
    }

    [Fact]
    public void BadBenchScalar_ExitsTwoWithOneLine()
    {
        var result = CliRunner.Run("bench", CliRunner.Example("add.c"), "add", "--args", "abc", "--iterations", "5");

        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("'abc'", line);
        Assert.Contains("('a') of 'add'", line);
    }
}
