using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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
        option.CustomParser = result =>
        {
            string? text = Single(result);
            if (text is not null && Support.IsolationOption.Names.Contains(text, StringComparer.Ordinal))
            {
                return text;
            }

            result.AddError(BadValue("--isolation", text, "one of " + string.Join(", ", Support.IsolationOption.Names)));
            return defaultValue;
        };
        option.CompletionSources.Add(Support.IsolationOption.Names);
        return option;
    }

    /// <summary>
    /// A whole-number option from <paramref name="minimum"/> to int.MaxValue. Text that is not a number, or a number
    /// out of range, is a usage error naming the option, the text and the range (never an exception).
    /// </summary>
    public static Option<int> Count(string name, int defaultValue, int minimum, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = "n" };
        option.CustomParser = result =>
        {
            string? text = Single(result);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) && value >= minimum)
            {
                return value;
            }

            result.AddError(BadValue(name, text, string.Create(CultureInfo.InvariantCulture, $"a whole number from {minimum} to {int.MaxValue}")));
            return defaultValue;
        };
        return option;
    }

    private static string? Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : null;

    /// <summary>The one-line message for a bad option value: the option, the text given and what it takes.</summary>
    private static string BadValue(string option, string? text, string expected) =>
        text is null ? $"{option} needs a value: {expected}." : $"{option}: expected {expected}, got '{text}'.";

    /// <summary><c>--debug</c>: build with <c>-O0 -g</c>.</summary>
    public static Option<bool> Debug() => new("--debug") { Description = "Build without optimisation and with debug information (-O0 -g)." };
}
