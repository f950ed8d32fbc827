using System.Diagnostics;

namespace Relaxnative.Tests.Support;

/// <summary>The outcome of a child-process scenario.</summary>
public sealed record ChildResult(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StandardOutput}\n--- stderr\n{StandardError}";
}

/// <summary>
/// Runs a scenario of Relaxnative.Tests.Child in a fresh process, so that crashes, environment variables read
/// at start-up, and reads of freed memory cannot affect the test process.
/// </summary>
public static class ChildProcess
{
    public static string ChildAssemblyPath => Path.Combine(AppContext.BaseDirectory, "Relaxnative.Tests.Child.dll");

    public static ChildResult Run(string scenario, IReadOnlyDictionary<string, string?>? environment = null,
        TimeSpan? timeout = null, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ChildAssemblyPath);
        start.ArgumentList.Add(scenario);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Scenario '{scenario}' did not finish in time.");
        }

        process.WaitForExit();
        return new ChildResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
