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
}
