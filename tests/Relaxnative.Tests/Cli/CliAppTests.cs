using System.CommandLine;
using Relaxnative.Cli;

namespace Relaxnative.Tests.Cli;

/// <summary>
/// The command tree a process builds: only the command its first word names, with the same help and the same errors as
/// the whole tree, so the shortcut is invisible.
/// </summary>
public sealed class CliAppTests
{
    public static TheoryData<string[]> CommandLines => new()
    {
        new[] { "run", "--help" },
        new[] { "build", "--help" },
        new[] { "inspect", "-h" },
        new[] { "doctor", "--help" },
        new[] { "test", "--help" },
        new[] { "bench", "--help" },
        new[] { "cache", "--help" },
        new[] { "cache", "status", "--help" },
        new[] { "cache", "clean", "--help" },
        new[] { "run" },
        new[] { "run", "add.c" },
        new[] { "run", "add.c", "add", "--isolation", "sideways" },
        new[] { "run", "add.c", "add", "--frobnicate" },
        new[] { "run", "inspect", "add.c" },
        new[] { "run", "--version" },
        new[] { "build" },
        new[] { "build", "add.c", "--out" },
        new[] { "inspect", "add.c", "extra" },
        new[] { "cache", "bogus" },
        new[] { "cache", "clean", "--yes", "now" },
        new[] { "bench", "kernels.c", "sum_u8", "--iterations", "zero" },
        new[] { "bench", "kernels.c", "sum_u8", "--size", "-3", "--warmup" },
        new[] { "test", "tests.c", "--isolation" },
        new[] { "doctor", "--json", "extra" },
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void CreateRootCommand_CommandLine_SameErrorsAndHelpAsWholeTree(string[] args)
    {
        var whole = CliApp.CreateRootCommand().Parse(args);
        var narrowed = CliApp.CreateRootCommand(args).Parse(args);

        Assert.Equal(whole.Errors.Select(e => e.Message), narrowed.Errors.Select(e => e.Message));
        Assert.Equal(whole.CommandResult.Command.Name, narrowed.CommandResult.Command.Name);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            var help = HelpOf(narrowed);
            Assert.Equal(HelpOf(whole), help);
            Assert.Contains("Usage:", help, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CreateRootCommand_FirstWordNamesCommand_BuildsThatCommandAlone()
    {
        var root = CliApp.CreateRootCommand(["run", "examples/add.c", "add", "2", "3"]);

        Assert.Equal(["run"], root.Subcommands.Select(c => c.Name));
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("rnu", "add.c")]
    [InlineData("RUN")]
    public void CreateRootCommand_FirstWordNamesNoCommand_BuildsEveryCommand(params string[] args)
    {
        var root = CliApp.CreateRootCommand(args);

        Assert.Equal(["doctor", "build", "inspect", "run", "test", "bench", "cache"], root.Subcommands.Select(c => c.Name));
    }

    private static string HelpOf(ParseResult parse)
    {
        using var output = new StringWriter();
        var exitCode = parse.Invoke(new InvocationConfiguration { Output = output, Error = output, EnableDefaultExceptionHandler = false });
        Assert.Equal(0, exitCode);
        return output.ToString();
    }
}
