using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// The compiler commands for one build, run in order inside a private work folder.
/// </summary>
/// <param name="Steps">The commands.</param>
/// <param name="LibraryPath">Where the last command writes the library.</param>
/// <param name="DependencyFiles">The dependency files the commands write (headers and Rust modules read).</param>
internal sealed record CompilePlan(IReadOnlyList<CompileStep> Steps, string LibraryPath, IReadOnlyList<string> DependencyFiles)
{
    public string CommandLine => string.Join(" && ", Steps.Select(s => s.CommandLine));

    public static CompilePlan Create(BuildInputs inputs, Toolchain toolchain, string workFolder)
    {
        var stem = Path.GetFileNameWithoutExtension(inputs.SourcePath);
        var library = Path.Combine(workFolder, BuildEnvironment.LibraryFileName(stem));
        return inputs.Language == SourceLanguage.Rust
            ? Rust(inputs, toolchain, workFolder, stem, library)
            : CFamily(inputs, toolchain, workFolder, library);
    }

    private static CompilePlan CFamily(BuildInputs inputs, Toolchain toolchain, string workFolder, string library)
    {
        var options = inputs.Options;
        List<string> common = options.Optimization == OptimizationLevel.Debug ? ["-O0", "-g"] : ["-O2"];
        common.Add("-fPIC");
        common.AddRange(options.Defines.Select(d => "-D" + d));
        common.AddRange(inputs.IncludePaths.Select(p => "-I" + p));
        common.AddRange(options.Flags);
        var link = inputs.LibraryPaths.Select(p => "-L" + p).Concat(options.Libraries.Select(l => "-l" + l)).ToArray();

        var sources = inputs.AllSources.ToArray();
        if (sources.Length == 1)
        {
            // One command: the compiler writes the depfile while it links. -MF names one file, so this
            // only works for a single source; gcc overwrites it per source otherwise.
            var depFile = Path.Combine(workFolder, "deps.d");
            return new CompilePlan(
                [new CompileStep(toolchain.Path, [.. common, "-shared", "-MD", "-MF", depFile, "-o", library, sources[0], .. link])],
                library,
                [depFile]);
        }

        // Several sources: compile each to its own object and depfile, then link.
        var steps = new List<CompileStep>();
        var depFiles = new List<string>();
        var objects = new List<string>();
        for (var i = 0; i < sources.Length; i++)
        {
            var obj = Path.Combine(workFolder, $"{i}.o");
            var dep = Path.Combine(workFolder, $"{i}.d");
            steps.Add(new CompileStep(toolchain.Path, [.. common, "-MD", "-MF", dep, "-c", "-o", obj, sources[i]]));
            depFiles.Add(dep);
            objects.Add(obj);
        }

        steps.Add(new CompileStep(toolchain.Path, [.. common, "-shared", "-o", library, .. objects, .. link]));
        return new CompilePlan(steps, library, depFiles);
    }

    private static CompilePlan Rust(BuildInputs inputs, Toolchain toolchain, string workFolder, string stem, string library)
    {
        var options = inputs.Options;
        var depFile = Path.Combine(workFolder, "deps.d");
        List<string> arguments = ["--crate-type", "cdylib", "--edition", "2021", "--crate-name", CrateName(stem)];
        arguments.AddRange(options.Optimization == OptimizationLevel.Debug
            ? ["-C", "opt-level=0", "-C", "debuginfo=2"]
            : ["-C", "opt-level=2"]);
        foreach (var define in options.Defines)
        {
            var equals = define.IndexOf('=', StringComparison.Ordinal);
            arguments.Add("--cfg");
            arguments.Add(equals < 0 ? define : $"{define[..equals]}=\"{define[(equals + 1)..]}\"");
        }

        arguments.AddRange(inputs.LibraryPaths.SelectMany(p => new[] { "-L", p }));
        arguments.AddRange(options.Libraries.SelectMany(l => new[] { "-l", l }));
        arguments.AddRange(options.Flags);
        // rustc reads extra sources itself through `mod` declarations; the depfile records them.
        arguments.Add($"--emit=dep-info={depFile},link={library}");
        arguments.Add(inputs.SourcePath);
        return new CompilePlan([new CompileStep(toolchain.Path, arguments)], library, [depFile]);
    }

    private static string CrateName(string stem)
    {
        var builder = new StringBuilder(stem.Length + 1);
        foreach (var c in stem)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
