using System.CommandLine;
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
        var root = CreateRootCommand();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, whatever the parser's own message looked like: scripts read stderr line by line.
            Terminal.WriteError(string.Join(" ", parse.Errors.Select(e => OneLine(e.Message))) +
                $" Run 'relaxnative {CommandPath(parse)}--help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            return Report(e);
        }
    }

    /// <summary>Creates the command tree.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("relaxnative: compile, inspect, call, test and benchmark C, C++ and Rust code from .NET.")
        {
            DoctorCommand.Create(),
            BuildCommand.Create(),
            InspectCommand.Create(),
            RunCommand.Create(),
            TestCommand.Create(),
            BenchCommand.Create(),
            CacheCommand.Create(),
        };
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
