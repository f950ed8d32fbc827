using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

/// <summary>Variadic calls as the first calls of fresh processes, and C's stdout into a pipe.</summary>
public sealed class VariadicProcessTests
{
    [Fact]
    public void Snprintf_InManyFreshProcesses_FormatsDoublesEveryTime()
    {
        // Without %al set, about one process in six printed wrong doubles: 16 processes all right leaves a broken
        // caller about a 5% chance of passing, and the callee test (reported_al) pins the mechanism exactly.
        var results = new ChildResult[16];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => results[i] = ChildProcess.Run("variadic-snprintf"));

        foreach (var result in results)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("untyped=0.3333 6.0e+23 -0.5", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("typed=2.75|-1.25|9", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Printf_IntoAPipe_WritesTheFormattedLine()
    {
        var result = ChildProcess.Run("variadic-printf");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("printf:42|2.500|naïve\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("written=23", result.StandardOutput, StringComparison.Ordinal);
    }
}
