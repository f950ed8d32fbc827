namespace Relaxnative.Tests.Cli;

public sealed class RunCommandTests
{
    [Fact]
    public void Run_AddTwoThree_PrintsFiveAsLastLine()
    {
        var result = CliRunner.Run("run", CliRunner.Example("add.c"), "add", "2", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("5", result.LastLine);
    }

    [Fact]
    public void Run_BadArgument_ExitsTwoNamingTheParameter()
    {
        var result = CliRunner.Run("run", CliRunner.Example("add.c"), "add", "2", "three");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Argument 2 ('b') of 'add'", result.StandardError);
        Assert.Contains("'three'", result.StandardError);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Run_WrongArgumentCount_ExitsTwoWithTheSignature()
    {
        var result = CliRunner.Run("run", CliRunner.Example("add.c"), "add", "2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("int add(int a, int b)", result.StandardError);
    }

    [Fact]
    public void Run_UnknownFunction_ExitsTwoListingFunctions()
    {
        var result = CliRunner.Run("run", CliRunner.Example("add.c"), "sub", "1", "2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("add, noop", result.StandardError);
    }

    [Fact]
    public void Run_PointerParameter_ExitsTwoWithUsageError()
    {
        var result = CliRunner.Run("run", CliRunner.Fixture("values.c"), "fill", "1", "2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("Argument 1 ('data') of 'fill' is a pointer", result.StandardError);
    }

    [Theory]
    [InlineData("length", "hello", "5")]
    [InlineData("greeting", "1", "Good day")]
    [InlineData("nothing", null, "NULL")]
    [InlineData("echo_u64", "0xFFFFFFFFFFFFFFFF", "18446744073709551615")]
    [InlineData("echo_u8", "0x7f", "127")]
    [InlineData("negate_i8", "-100", "100")]
    [InlineData("flip", "false", "true")]
    public void Run_ConvertsArgumentsAndResultsByCType(string function, string? argument, string expected)
    {
        string[] arguments = argument is null ? ["run", CliRunner.Fixture("values.c"), function] : ["run", CliRunner.Fixture("values.c"), function, argument];
        var result = CliRunner.Run(arguments);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(expected, result.LastLine);
    }

    [Fact]
    public void Run_FloatArguments_PrintsRoundTripDouble()
    {
        var result = CliRunner.Run("run", CliRunner.Fixture("values.c"), "scale", "1.5", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("3", result.LastLine);
    }

    [Fact]
    public void Run_ValueOutOfRange_ExitsTwoWithTheRange()
    {
        var result = CliRunner.Run("run", CliRunner.Fixture("values.c"), "echo_u8", "256");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("from 0 to 255", result.StandardError);
        Assert.Contains("('x')", result.StandardError);
    }

    [Fact]
    public void Run_VoidFunction_PrintsNothing()
    {
        var result = CliRunner.Run("run", CliRunner.Example("add.c"), "noop");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public void Run_Json_ParsesWithTheResult()
    {
        var result = CliRunner.Run("run", "--json", CliRunner.Example("add.c"), "add", "2", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(5, result.Json.GetProperty("result").GetInt32());
        Assert.Equal("int add(int a, int b)", result.Json.GetProperty("signature").GetString());
    }

    [Fact]
    public void Run_MissingFile_ExitsTwo()
    {
        var result = CliRunner.Run("run", "no/such/file.c", "add", "1", "2");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("No such file", result.StandardError);
    }
}
