using System.CommandLine;

namespace Relaxnative.Cli.Support;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--json</c>: machine-readable output on stdout, no progress.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Write machine-readable JSON to stdout (no progress display)." };

    /// <summary><c>--isolation in-process|worker|process</c>.</summary>
    public static Option<string> Isolation(string defaultValue, string description)
    {
        var option = new Option<string>("--isolation")
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            HelpName = "in-process|worker|process",
        };
        option.AcceptOnlyFromAmong(Support.IsolationOption.Names);
        return option;
    }

    /// <summary><c>--debug</c>: build with <c>-O0 -g</c>.</summary>
    public static Option<bool> Debug() => new("--debug") { Description = "Build without optimisation and with debug information (-O0 -g)." };
}
