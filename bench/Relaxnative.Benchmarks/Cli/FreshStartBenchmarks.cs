using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Relaxnative.Benchmarks.Build;

namespace Relaxnative.Benchmarks.Cli;

/// <summary>
/// A whole fresh process of the <c>relaxnative</c> tool beside a hello-world console application, both published the
/// way the tool's package is (framework-dependent, for this machine's runtime identifier, ReadyToRun, invariant
/// globalization) and started through their apphosts, as an installed tool is. Subject: <c>relaxnative run
/// examples/add.c add 2 3</c> on a warm cache (a hit: no compiler runs). A third row runs the same tool published
/// without ReadyToRun, so the share of start-up that is JIT shows in the same run. Target: the subject at most 3x
/// the baseline.
/// </summary>
/// <remarks>
/// One invocation per iteration: each is a process start of 30 to 150 ms, long enough to time alone. GlobalSetup
/// publishes all three into a temporary folder (a minute or two) and primes the cache with one run.
/// </remarks>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 30, invocationCount: 1)]
public class FreshStartBenchmarks
{
    private string _root = "";
    private string _hello = "";
    private string _tool = "";
    private string _toolJit = "";
    private string _source = "";
    private string _cache = "";

    [GlobalSetup]
    public void Setup()
    {
        _root = Directory.CreateTempSubdirectory("relaxnative-bench-fresh-").FullName;
        _source = ExampleSources.PathOf("add.c");
        string repository = Path.GetDirectoryName(Path.GetDirectoryName(_source)!)!;
        string cli = Path.Combine(repository, "src", "Relaxnative.Cli", "Relaxnative.Cli.csproj");
        _cache = Path.Combine(_root, "cache");

        string helloProject = Path.Combine(_root, "hello-src");
        Directory.CreateDirectory(helloProject);
        File.WriteAllText(Path.Combine(helloProject, "Hello.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <InvariantGlobalization>true</InvariantGlobalization>
              </PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(helloProject, "Program.cs"), "System.Console.WriteLine(\"Hello, World!\");\n");

        _hello = Publish(Path.Combine(helloProject, "Hello.csproj"), "hello", "Hello", "-p:PublishReadyToRun=true");
        // The tool's project turns ReadyToRun on whenever a runtime identifier is given, as its package build does.
        _tool = Publish(cli, "tool", "Relaxnative.Cli");
        _toolJit = Publish(cli, "tool-jit", "Relaxnative.Cli", "-p:PublishReadyToRun=false");

        string primed = Run(_tool, "run", _source, "add", "2", "3");
        if (primed.TrimEnd().Split('\n')[^1] != "5")
        {
            throw new InvalidOperationException($"relaxnative run printed '{primed}', not 5 as its last line.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    [Benchmark(Baseline = true)]
    public string HelloWorld() => Run(_hello);

    [Benchmark]
    public string RelaxnativeRun_Warm() => Run(_tool, "run", _source, "add", "2", "3");

    [Benchmark]
    public string RelaxnativeRun_Warm_NoReadyToRun() => Run(_toolJit, "run", _source, "add", "2", "3");

    private string Publish(string project, string name, string assembly, params string[] properties)
    {
        string output = Path.Combine(_root, name);
        Run("dotnet", ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
            "-o", output, "-nologo", "-v", "quiet", .. properties]);
        return Path.Combine(output, assembly);
    }

    private string Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RELAXNATIVE_CACHE_DIR"] = _cache;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"'{executable} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {error.Result}");
    }
}
