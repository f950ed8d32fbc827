namespace Relaxnative.Tests.Cli;

public sealed class TestCommandTests
{
    [Fact]
    public void Test_FixtureFolder_PrintsEachTestAndCountsAndExitsOne()
    {
        var result = CliRunner.Run("test", CliRunner.Fixture("suite"), "--isolation", "in-process");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("3 passed, 3 failed", result.LastLine);
        Assert.Contains("PASS mathlib_test.c::test_add_small", result.StandardOutput);
        Assert.Contains("FAIL mathlib_test.c::test_add_fails", result.StandardOutput);
        Assert.Contains("returned 7", result.StandardOutput);
        Assert.Contains("mathlib_test.c:37: expected add(1, 2) == 4, got 3 and 4", result.StandardOutput);
        Assert.Contains("expected greet() == \"bye\"", result.StandardOutput);
        Assert.DoesNotContain("test_helper", result.StandardOutput);
        Assert.Matches(@"PASS mathlib_test\.c::test_half \(\d+\.\d\d ms\)", result.StandardOutput);
    }

    [Fact]
    public void Test_DefaultProcessIsolation_RunsTheSuiteInTheHelper()
    {
        var result = CliRunner.Run("test", CliRunner.Fixture("suite"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("3 passed, 3 failed", result.LastLine);
        Assert.DoesNotContain("not available", result.StandardError);
    }

    [Fact]
    public void Test_CrashingTestUnderProcessIsolation_FailsAloneAndTheRunGoesOn()
    {
        var result = CliRunner.Run("test", CliRunner.Fixture("crashing"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("2 passed, 1 failed", result.LastLine);
        Assert.Contains(result.StandardOutput.Split('\n'), line => line.Contains("test_segfaults", StringComparison.Ordinal) && line.Contains("SIGSEGV", StringComparison.Ordinal));
    }

    [Fact]
    public void Test_AllPassing_ExitsZero()
    {
        var result = CliRunner.Run("test", CliRunner.Fixture("passing/passing_test.c"), "--isolation", "worker");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("2 passed, 0 failed", result.LastLine);
    }

    [Fact]
    public void Test_Json_ParsesWithEveryOutcome()
    {
        var result = CliRunner.Run("test", "--json", "--isolation", "worker", CliRunner.Fixture("suite"));

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json;
        Assert.Equal(3, json.GetProperty("passed").GetInt32());
        Assert.Equal(3, json.GetProperty("failed").GetInt32());
        var wrong = json.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "test_add_wrong");
        Assert.False(wrong.GetProperty("passed").GetBoolean());
        Assert.StartsWith("mathlib_test.c:37:", wrong.GetProperty("message").GetString());
    }

    [Fact]
    public void Test_FolderWithoutTests_ExitsTwo()
    {
        var result = CliRunner.Run("test", Path.GetDirectoryName(CliRunner.Example("add.c"))! + "/multi");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("No tests", result.StandardError);
    }
}
