using System.CommandLine;
using System.CommandLine.Help;
using Relaxnative.Build;
using Relaxnative.Cli.Commands;
using Relaxnative.Cli.Output;

namespace Relaxnative.Cli;

/// <summary>The root command, the parse step and the one place where errors become exit codes and stderr text.</summary>
internal static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns the process exit code.</summary>
    public static int Run(string[] args)
    {
        var root = CreateRootCommand(args);
        var parse = root.Parse(args);
        bool json = args.Contains("--json");
        if (parse.Errors.Count > 0)
        {
            // Each distinct problem once, naming the argument or option it concerns, all on one line: scripts read stderr line by line.
            var messages = parse.Errors.Select(Describe).Distinct(StringComparer.Ordinal).ToList();
            string fix = Suggestion(root, args) ?? $"Run 'relaxnative {CommandPath(parse)}--help' for usage.";
            return json ? WriteJsonError(string.Join(" ", messages), fix, ExitCodes.Usage) : WriteUsageError(messages, fix);
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (json)
        {
            return WriteJsonError(e.Message, (e as CliException)?.Fix, ExitCode(e));
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    private static string Describe(System.CommandLine.Parsing.ParseError error) => error.SymbolResult switch
    {
        System.CommandLine.Parsing.ArgumentResult argument when !error.Message.Contains($"'{argument.Argument.Name}'", StringComparison.Ordinal) =>
            $"<{argument.Argument.Name}>: {error.Message}",
        _ => error.Message,
    };

    private static int WriteUsageError(IEnumerable<string> messages, string fix)
    {
        Terminal.WriteError(OneLine(string.Join(" ", messages) + " " + fix));
        return ExitCodes.Usage;
    }

    /// <summary>Under <c>--json</c>, errors are a JSON document on stdout too (and the message on stderr).</summary>
    private static int WriteJsonError(string message, string? fix, int exitCode)
    {
        Terminal.WriteError(message);
        JsonOutput.Write(new System.Text.Json.Nodes.JsonObject
        {
            ["error"] = message,
            ["fix"] = fix,
            ["exitCode"] = exitCode,
        });
        return exitCode;
    }

    private static int ExitCode(Exception e) => e switch
    {
        CliException cli => cli.ExitCode,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.Usage,
        _ => ExitCodes.Failure,
    };

    /// <summary>"Did you mean 'inspect'?" for a first word close to a command name (edit distance at most 2).</summary>
    internal static string? Suggestion(Command root, string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || root.Subcommands.Any(c => c.Name == args[0]))
        {
            return null;
        }

        var best = root.Subcommands.Select(c => (c.Name, Distance: EditDistance(args[0], c.Name))).MinBy(c => c.Distance);
        return best.Distance <= 2 ? $"Did you mean 'relaxnative {best.Name}'? Run 'relaxnative --help' for every command." : null;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    /// <summary>Every command: its name, and how to build it with its options, arguments and parsers.</summary>
    private static readonly (string Name, Func<Command> Create)[] s_commands =
    [
        ("doctor", DoctorCommand.Create),
        ("build", BuildCommand.Create),
        ("inspect", InspectCommand.Create),
        ("run", RunCommand.Create),
        ("test", TestCommand.Create),
        ("bench", BenchCommand.Create),
        ("cache", CacheCommand.Create),
    ];

    /// <summary>Creates the command tree, or only as much of it as <paramref name="args"/> can reach.</summary>
    /// <param name="args">
    /// The command line. When its first word names a command, the tree holds that command alone: no other command's
    /// options, parsers or static data are built (in a fresh process that is most of what parsing costs), and nothing
    /// else is reachable from that word, so help and errors are the same as with the whole tree. Otherwise (no
    /// arguments, an option, a directive, a misspelt command) the whole tree is built, for the root's help and the
    /// "did you mean" suggestion.
    /// </param>
    /// <remarks>
    /// A named <see cref="Command"/>, not a <see cref="RootCommand"/>: a root command is named after the executable, which
    /// for an installed tool is the assembly (<c>Relaxnative.Cli</c>), so help and errors would not show what users type.
    /// </remarks>
    public static Command CreateRootCommand(string[]? args = null)
    {
        var root = new Command("relaxnative", "relaxnative: compile, inspect, call, test and benchmark C, C++ and Rust code from .NET.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        string? only = null;
        foreach (var (name, _) in s_commands)
        {
            // A loop, not Array.Exists: that generic over a tuple is code no precompiled image holds.
            if (args is { Length: > 0 } && args[0] == name)
            {
                only = name;
            }
        }

        foreach (var (name, create) in s_commands)
        {
            if (only is null || only == name)
            {
                root.Subcommands.Add(create());
            }
        }

        return root;
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 ? "" : string.Join(' ', names) + " ";
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Report(Exception e)
    {
        switch (e)
        {
            case CliException { ExitCode: ExitCodes.Usage } usage:
                // A wrong command line is reported on one line, the fix included.
                Terminal.WriteError(OneLine(usage.Fix is null ? usage.Message : usage.Message + " " + usage.Fix));
                return usage.ExitCode;
            case CliException cli:
                Terminal.WriteError(cli.Message);
                if (cli.Fix is not null)
                {
                    Terminal.WriteFix(cli.Fix);
                }

                return cli.ExitCode;
            case NativeBuildException build:
                Terminal.WriteError(build.Message);
                if (!string.IsNullOrWhiteSpace(build.Output))
                {
                    Terminal.WriteDetail(build.Output.TrimEnd());
                }

                return ExitCodes.Failure;
            case FileNotFoundException or DirectoryNotFoundException:
                Terminal.WriteError(e.Message);
                Terminal.WriteFix("Check the path; relative paths start at the current directory.");
                return ExitCodes.Usage;
            case NativeToolchainException:
                Terminal.WriteError(e.Message);
                Terminal.WriteFix("Run 'relaxnative doctor' to see every compiler tried.");
                return ExitCodes.Failure;
            default:
                Terminal.WriteError(e.Message);
                return ExitCodes.Failure;
        }
    }
}
