using System.Diagnostics;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>
/// Runs the real compiler's preprocessor (<c>gcc -E</c> / <c>g++ -E</c>, line markers kept) for parser tests, in the
/// folder of the fixtures so that markers name files as <c>typedefs/tlib.h</c>.
/// </summary>
internal static class Preprocessor
{
    public static string RealWorldDirectory => Path.Combine(AppContext.BaseDirectory, "native", "realworld");

    /// <summary>Preprocesses tests/native/realworld/<paramref name="relativePath"/>; throws with the compiler's output on failure.</summary>
    public static string RealWorld(string relativePath, params string[] flags) =>
        Run(RealWorldDirectory, relativePath, relativePath.EndsWith(".cpp", StringComparison.Ordinal), flags)
        ?? throw new InvalidOperationException("The preprocessor rejected " + relativePath + ".");

    /// <summary>Preprocesses C text given on standard input; null when the compiler rejects it.</summary>
    public static string? Text(string source, bool cpp = false, params string[] flags)
    {
        var arguments = new List<string>(flags) { "-E", "-x", cpp ? "c++" : "c", "-" };
        return Execute(cpp ? "g++" : "gcc", Path.GetTempPath(), arguments, source).Output;
    }

    /// <summary>Whether <c>#include &lt;header&gt;</c> compiles on its own (<c>-fsyntax-only</c>) with <paramref name="flags"/>.</summary>
    public static bool CompilesAlone(string header, IEnumerable<string> flags)
    {
        var arguments = new List<string>(flags) { "-fsyntax-only", "-x", "c", "-" };
        return Execute("gcc", Path.GetTempPath(), arguments, "#include <" + header + ">\n").ExitCode == 0;
    }

    private static string? Run(string directory, string relativePath, bool cpp, string[] flags)
    {
        var arguments = new List<string>(flags) { "-E", relativePath };
        var (exitCode, output, error) = Execute(cpp ? "g++" : "gcc", directory, arguments, null);
        return exitCode == 0 ? output : throw new InvalidOperationException($"{(cpp ? "g++" : "gcc")} -E {relativePath} failed ({exitCode}): {error}");
    }

    private static (int ExitCode, string? Output, string Error) Execute(string compiler, string directory, List<string> arguments, string? input)
    {
        var start = new ProcessStartInfo(compiler)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            process.StandardInput.Write(input);
        }

        process.StandardInput.Close();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output.Result : null, error.Result);
    }
}
