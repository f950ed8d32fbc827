using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Relaxnative.Benchmarks.Build;

namespace Relaxnative.Benchmarks.Cli;

/// <summary>
/// A whole fresh process of the <c>relaxnative</c> tool beside a hello-world console application. The tool is packed
/// with <c>dotnet pack</c> and installed with <c>dotnet tool install --tool-path</c>, as users get it (framework-dependent,
/// ReadyToRun for linux-x64); the hello-world application is published the same way (framework-dependent, ReadyToRun,
/// invariant globalization); both start through their apphosts. Subject: <c>relaxnative run examples/add.c add 2 3</c>
/// on a warm cache (a hit: no compiler runs). A third row runs the tool packed without ReadyToRun, so the share of
/// start-up that is JIT shows in the same run. Target: the subject at most 3x the baseline.
/// </summary>
/// <remarks>
/// One invocation per iteration: each is a process start of 30 to 150 ms, long enough to time alone. GlobalSetup
/// packs, installs and publishes all three into a temporary folder (minutes) and primes the cache with one run.
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

        string output = Path.Combine(_root, "hello");
        Run("dotnet", "publish", Path.Combine(helloProject, "Hello.csproj"), "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "quiet");
        _hello = Path.Combine(output, "Hello");
        _tool = Install(cli, "tool");
        _toolJit = Install(cli, "tool-jit", "-p:PublishReadyToRun=false");

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

    /// <summary>Packs the tool and installs it into its own tool path, with its own NuGet folder (the versions are equal).</summary>
    private string Install(string project, string name, params string[] properties)
    {
        string packages = Path.Combine(_root, name + "-packages");
        Run("dotnet", ["pack", project, "-c", "Release", "-o", packages, "-nologo", "-v", "quiet", .. properties]);
        string package = Path.GetFileNameWithoutExtension(Directory.GetFiles(packages, "Relaxnative.Cli.*.nupkg")[0]);
        string toolPath = Path.Combine(_root, name);
        RunWith(Path.Combine(_root, name + "-nuget"), "dotnet", "tool", "install", "--tool-path", toolPath, "--add-source", packages, "Relaxnative.Cli", "--version", package["Relaxnative.Cli.".Length..]);
        return Path.Combine(toolPath, "relaxnative");
    }

    private string Run(string executable, params string[] arguments) => RunWith(nugetFolder: null, executable, arguments);

    private string RunWith(string? nugetFolder, string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["RELAXNATIVE_CACHE_DIR"] = _cache;
        if (nugetFolder is not null)
        {
            start.Environment["NUGET_PACKAGES"] = nugetFolder;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"'{executable} {string.Join(' ', arguments)}' exited with {process.ExitCode}: {error.Result} {output}");
    }
}
