using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// The compiler commands for one build inside a private work folder: the compiles (independent of each other, run in
/// parallel like <c>make -j</c>), then the link, if any; beside them, one preprocess command per C or C++ translation unit.
/// </summary>
/// <param name="Compiles">The compile commands; with one source this one command also links.</param>
/// <param name="Link">The link command of a multi-file build, run after every compile; <see langword="null"/> otherwise.</param>
/// <param name="LibraryPath">Where the last command writes the library.</param>
/// <param name="DependencyFiles">The dependency files the commands write (headers and Rust modules read).</param>
/// <param name="Preprocess">One <c>-E</c> command per C or C++ source, with the build's own flags, and the file it writes; empty for Rust.</param>
internal sealed record CompilePlan(
    IReadOnlyList<CompileStep> Compiles,
    CompileStep? Link,
    string LibraryPath,
    IReadOnlyList<string> DependencyFiles,
    IReadOnlyList<PreprocessStep> Preprocess)
{
    public string CommandLine => string.Join(" && ", (Link is null ? Compiles : [.. Compiles, Link]).Select(s => s.CommandLine));

    public static CompilePlan Create(BuildInputs inputs, Toolchain toolchain, string workFolder)
    {
        var stem = Path.GetFileNameWithoutExtension(inputs.SourcePath);
        var library = Path.Combine(workFolder, BuildEnvironment.LibraryFileName(stem));
        return inputs.Language == SourceLanguage.Rust
            ? Rust(inputs, toolchain, workFolder, stem, library)
            : CFamily(inputs, toolchain, workFolder, library);
    }

    /// <summary>The flags every compile and preprocess of a C-family build shares: optimisation, PIC, defines, include paths, user flags.</summary>
    public static List<string> CommonFlags(BuildOptions options, IEnumerable<string> includePaths)
    {
        List<string> common = options.Optimization == OptimizationLevel.Debug ? ["-O0", "-g"] : ["-O2"];
        common.Add("-fPIC");
        common.AddRange(options.Defines.Select(d => "-D" + d));
        common.AddRange(includePaths.Select(p => "-I" + p));
        common.AddRange(options.Flags);
        return common;
    }

    private static CompilePlan CFamily(BuildInputs inputs, Toolchain toolchain, string workFolder, string library)
    {
        var options = inputs.Options;
        var common = CommonFlags(options, inputs.IncludePaths);
        var link = inputs.LibraryPaths.Select(p => "-L" + p).Concat(options.Libraries.Select(l => "-l" + l)).ToArray();

        var sources = inputs.AllSources.ToArray();
        // A separate -E per unit, run beside the compile, measured as cheap as -save-temps=obj and cheaper for small
        // files, where the second core absorbs it (bench/results/preprocess-*.md).
        var preprocess = sources
            .Select((source, i) => PreprocessStep.Create(toolchain, common, source, Path.Combine(workFolder, $"{i}.i")))
            .ToArray();
        if (sources.Length == 1)
        {
            // One command: the compiler writes the depfile while it links. -MF names one file, so this
            // only works for a single source; gcc overwrites it per source otherwise.
            var depFile = Path.Combine(workFolder, "deps.d");
            return new CompilePlan(
                [new CompileStep(toolchain.Path, [.. common, "-shared", "-MD", "-MF", depFile, "-o", library, .. SourceLanguages.InputArguments(sources[0]), sources[0], .. link])],
                null,
                library,
                [depFile],
                preprocess);
        }

        // Several sources: compile each to its own object and depfile, then link.
        var steps = new List<CompileStep>();
        var depFiles = new List<string>();
        var objects = new List<string>();
        for (var i = 0; i < sources.Length; i++)
        {
            var obj = Path.Combine(workFolder, $"{i}.o");
            var dep = Path.Combine(workFolder, $"{i}.d");
            steps.Add(new CompileStep(toolchain.Path, [.. common, "-MD", "-MF", dep, "-c", "-o", obj, .. SourceLanguages.InputArguments(sources[i]), sources[i]]));
            depFiles.Add(dep);
            objects.Add(obj);
        }

        return new CompilePlan(steps, new CompileStep(toolchain.Path, [.. common, "-shared", "-o", library, .. objects, .. link]), library, depFiles, preprocess);
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
        return new CompilePlan([new CompileStep(toolchain.Path, arguments)], null, library, [depFile], []);
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
