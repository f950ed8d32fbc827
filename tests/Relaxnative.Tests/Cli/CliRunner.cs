using System.Diagnostics;
using System.Text.Json;
using Relaxnative.Tests.Examples;

namespace Relaxnative.Tests.Cli;

/// <summary>What one run of the tool printed and how it exited.</summary>
public sealed record CliResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>The last non-empty line of stdout.</summary>
    public string LastLine => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    /// <summary>Stdout parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(StandardOutput);
            return document.RootElement.Clone();
        }
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs the real <c>relaxnative</c> tool (<c>Relaxnative.Cli.dll</c> from the test output) in a child process, with a
/// cache folder of its own for the test run, so exit codes, stdout and stderr are exactly what a user sees.
/// </summary>
public static class CliRunner
{
    /// <summary>The cache folder the tool uses in these tests (shared by the Cli tests of one run).</summary>
    public static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "relaxnative-cli-tests-" + Environment.ProcessId);

    /// <summary>The tool's assembly in the test output.</summary>
    public static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Relaxnative.Cli.dll");

    /// <summary>An example source: <c>examples/&lt;name&gt;</c>.</summary>
    public static string Example(string name) => ExampleLibrary.PathOf(name);

    /// <summary>A fixture under <c>tests/native/cli</c>, as copied to the test output.</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "native", "cli", name);

    /// <summary>Runs <c>relaxnative <paramref name="arguments"/></c>; a null value in <paramref name="environment"/> removes that variable.</summary>
    public static CliResult Run(IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        // The full path of dotnet, so a test may clear PATH for the tool.
        string dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ToolPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["RELAXNATIVE_CACHE_DIR"] = CacheDirectory;
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(180)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("relaxnative " + string.Join(' ', arguments) + " did not finish in time.");
        }

        process.WaitForExit();
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs <c>relaxnative <paramref name="arguments"/></c> with the default environment.</summary>
    public static CliResult Run(params string[] arguments) => Run(null, arguments);
}
