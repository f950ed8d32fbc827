using System.Globalization;
using System.Text.RegularExpressions;

namespace Relaxnative.Build;

/// <summary>Parses gcc/clang and rustc output into <see cref="CompilerDiagnostic"/>s.</summary>
internal static partial class DiagnosticParser
{
    /// <summary>Returns the diagnostics in output order. Lines that are not diagnostics (source excerpts, carets) are skipped.</summary>
    public static IReadOnlyList<CompilerDiagnostic> Parse(string output)
    {
        var result = new List<CompilerDiagnostic>();
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (GccWithColumn().Match(line) is { Success: true } g)
            {
                result.Add(new(g.Groups["file"].Value, Int(g.Groups["line"]), Int(g.Groups["col"]), Severity(g.Groups["sev"].Value), g.Groups["msg"].Value.Trim()));
            }
            else if (GccWithoutColumn().Match(line) is { Success: true } n)
            {
                result.Add(new(n.Groups["file"].Value, Int(n.Groups["line"]), 0, Severity(n.Groups["sev"].Value), n.Groups["msg"].Value.Trim()));
            }
            else if (Rustc().Match(line) is { Success: true } r)
            {
                var message = r.Groups["msg"].Value.Trim();
                if (message.StartsWith("aborting due to", StringComparison.Ordinal) || message.StartsWith("could not compile", StringComparison.Ordinal))
                {
                    continue; // summaries, not diagnostics
                }

                if (r.Groups["code"].Success)
                {
                    message = $"{message} [{r.Groups["code"].Value}]";
                }

                // rustc puts the location on a following " --> file:line:col" line.
                var (file, lineNumber, column) = ("", 0, 0);
                for (var j = i + 1; j < lines.Length && j <= i + 3; j++)
                {
                    if (RustLocation().Match(lines[j]) is { Success: true } at)
                    {
                        (file, lineNumber, column) = (at.Groups["file"].Value, Int(at.Groups["line"]), Int(at.Groups["col"]));
                        break;
                    }
                }

                result.Add(new(file, lineNumber, column, Severity(r.Groups["sev"].Value), message));
            }
            else if (Linker().Match(line) is { Success: true } l)
            {
                result.Add(new(l.Groups["tool"].Value, 0, 0, "error", l.Groups["msg"].Value.Trim()));
            }
        }

        return result;
    }

    private static int Int(Group group) => int.Parse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Severity(string raw) => raw switch
    {
        "fatal error" => "error",
        _ => raw,
    };

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+):(?<col>\d+): (?<sev>fatal error|error|warning|note): ?(?<msg>.*)$")]
    private static partial Regex GccWithColumn();

    [GeneratedRegex(@"^(?<file>[^:\s][^:]*):(?<line>\d+): (?<sev>fatal error|error|warning|note): ?(?<msg>.*)$")]
    private static partial Regex GccWithoutColumn();

    [GeneratedRegex(@"^(?<sev>error|warning)(\[(?<code>[A-Z]\d+)\])?: (?<msg>.*)$")]
    private static partial Regex Rustc();

    [GeneratedRegex(@"^\s*--> (?<file>.+):(?<line>\d+):(?<col>\d+)\s*$")]
    private static partial Regex RustLocation();

    // "/usr/bin/ld: cannot find -lnope: No such file or directory", "collect2: error: ld returned 1 exit status"
    [GeneratedRegex(@"^(?<tool>\S*(?:\bld|collect2)(?:\.\w+)?): (?:error: )?(?<msg>.*)$")]
    private static partial Regex Linker();
}
