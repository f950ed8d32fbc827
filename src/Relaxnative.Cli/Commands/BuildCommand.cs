using System.CommandLine;
using System.Text.Json.Nodes;
using Relaxnative.Build;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary><c>relaxnative build</c>: compile into the cache, or with <c>--out</c> into a prebuilt folder with manifests.</summary>
internal static class BuildCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "C, C++ or Rust sources to build, one library each.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write prebuilt libraries and their manifests into this folder; Native.Load uses them without a compiler (BuildOptions.PrebuiltDirectory or RELAXNATIVE_PREBUILT_DIR).",
            HelpName = "dir",
        };
        var debug = CommonOptions.Debug();
        var json = CommonOptions.Json();
        var command = new Command("build", "Compile sources into the cache, or into a prebuilt folder with --out.") { files, output, debug, json };
        command.SetAction(parse => Run(parse.GetValue(files)!, parse.GetValue(output), parse.GetValue(debug), parse.GetValue(json)));
        return command;
    }

    private static int Run(string[] files, string? outputDirectory, bool debug, bool json)
    {
        string[] sources = [.. files.Select(ModuleLoading.RequireSource)];
        var options = BuildOptions.Default with { Optimization = debug ? OptimizationLevel.Debug : OptimizationLevel.Release };
        var results = new List<(string Source, CompileResult Result)>();
        if (outputDirectory is null)
        {
            foreach (string source in sources)
            {
                var result = Terminal.Status($"Compiling {Path.GetFileName(source)}…", !json, () => NativeBuilder.Build(source, options, SourceAnalysis.Analyzer, default));
                results.Add((source, result));
            }
        }
        else
        {
            string label = sources.Length == 1 ? Path.GetFileName(sources[0]) : $"{sources.Length} sources";
            var built = Terminal.Status($"Compiling {label} into {outputDirectory}…", !json,
                () => NativeBuilder.BuildPrebuilt(sources, outputDirectory, options, SourceAnalysis.Analyzer));
            results.AddRange(sources.Zip(built));
        }

        if (json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["outputDirectory"] = outputDirectory is null ? null : Path.GetFullPath(outputDirectory),
                ["libraries"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
                {
                    ["source"] = r.Source,
                    ["library"] = r.Result.LibraryPath,
                    ["key"] = r.Result.Key.Hex,
                    ["cacheHit"] = r.Result.CacheHit,
                    ["compileMs"] = r.Result.CompileElapsed.TotalMilliseconds,
                })]),
            });
            return ExitCodes.Success;
        }

        foreach (var (source, result) in results)
        {
            string how = result.CacheHit ? "cache hit" : "compiled in " + Formatting.Milliseconds(result.CompileElapsed);
            Terminal.Line($"{Path.GetFileName(source)} -> {result.LibraryPath} ({how})");
        }

        if (outputDirectory is not null)
        {
            Terminal.Line($"prebuilt: {Path.GetFullPath(outputDirectory)} (use it with RELAXNATIVE_PREBUILT_DIR or BuildOptions.PrebuiltDirectory)");
        }

        return ExitCodes.Success;
    }
}
