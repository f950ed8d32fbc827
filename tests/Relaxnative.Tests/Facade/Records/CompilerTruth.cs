using System.Globalization;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// The answers gcc gives for tests/native/records.h, from a small program compiled and run here that prints
/// <c>sizeof</c>, <c>_Alignof</c> and <c>offsetof</c>: the reference the probed layouts are checked against.
/// </summary>
internal static class CompilerTruth
{
    private static readonly (string Record, string[] Fields)[] s_records =
    [
        ("struct point", ["x", "y"]),
        ("Vector2", ["x", "y"]),
        ("Rectangle", ["x", "y", "width", "height"]),
        ("Color", ["r", "g", "b", "a"]),
        ("struct mixed", ["f", "i", "d"]),
        ("struct big", ["c", "d", "i", "l"]),
        ("struct packed", ["c", "i", "s"]),
        ("struct with_array", ["n", "v"]),
        ("union number", ["i", "f", "d"]),
        ("struct tagged", ["kind", "u", "u.i", "u.f"]),
        ("struct nested", ["tag", "p", "p.x", "p.y", "v", "v.x", "v.y"]),
        ("struct trailing", ["d", "c"]),
        ("struct anon", ["kind", "lo", "hi", "whole"]),
        ("struct aligned", ["c", "x"]),
        ("struct wide", ["ld", "c"]),
        ("struct pragma_packed", ["c", "d"]),
    ];

    private static readonly Lazy<List<(string, string, int, int)>> s_fields = new(Run);

    /// <summary>(record, field path or "" for the record itself, offset or alignment, size).</summary>
    public static IReadOnlyList<(string Record, string Path, int Offset, int Size)> Fields => s_fields.Value;

    private static List<(string, string, int, int)> Run()
    {
        var folder = Directory.CreateTempSubdirectory("relaxnative-truth-").FullName;
        try
        {
            var lines = new List<string> { "#include <stdio.h>", "#include <stddef.h>", $"#include \"{NativeFixtures.SourcePath("records.h")}\"", "int main(void) {" };
            foreach (var (record, fields) in s_records)
            {
                lines.Add($"printf(\"{record}||%zu|%zu\\n\", _Alignof({record}), sizeof({record}));");
                lines.AddRange(fields.Select(f => $"printf(\"{record}|{f}|%zu|%zu\\n\", offsetof({record}, {f}), sizeof((({record}*)0)->{f}));"));
            }

            lines.Add("return 0; }");
            var source = Path.Combine(folder, "truth.c");
            var program = Path.Combine(folder, "truth");
            File.WriteAllLines(source, lines);
            Run("cc", ["-o", program, source]);
            return [.. Run(program, []).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                var parts = line.Split('|');
                return (parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture));
            })];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Run(string file, string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{file} failed: {error}");
        return output;
    }
}
