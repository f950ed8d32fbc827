using System.Globalization;
using System.Text;

namespace Relaxnative.Build;

/// <summary>Every error message of the Build room, in one place so the wording stays consistent.</summary>
internal static class BuildErrors
{
    public static ArgumentException UnknownExtension(string path) =>
        new($"Cannot compile '{path}': the extension '{Path.GetExtension(path)}' is not a known source language. " +
            "Use .c for C, .cpp/.cc/.cxx for C++ or .rs for Rust; load prebuilt .so/.dylib/.dll libraries by path instead.",
            nameof(path));

    public static FileNotFoundException SourceNotFound(string path) =>
        new($"Cannot compile '{path}': the file does not exist. Check the path (relative paths are resolved against '{Environment.CurrentDirectory}').", path);

    public static NativeToolchainException NoCompiler(SourceLanguage language, IReadOnlyList<ToolchainCandidate> candidates, bool explicitCompiler)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"No working {Describe(language)} compiler was found. Tried:");
        foreach (var candidate in candidates)
        {
            builder.Append(Environment.NewLine).Append("  - ").Append(candidate);
        }

        builder.Append(Environment.NewLine).Append(explicitCompiler
            ? "BuildOptions.Compiler names a compiler that does not work: fix the path, or leave it null to discover one."
            : Fix(language));
        return new NativeToolchainException(builder.ToString(), language, candidates);
    }

    public static NativeBuildException CompileFailed(string sourcePath, string commandLine, ProcessOutcome outcome, IReadOnlyList<CompilerDiagnostic> diagnostics)
    {
        var first = diagnostics.FirstOrDefault(d => d.Severity == "error" && d.Line > 0)
            ?? diagnostics.FirstOrDefault(d => d.Severity == "error");
        var firstText = first is null
            ? FirstLines(outcome.CombinedOutput)
            : first.ToString();
        var message =
            $"Compiling '{sourcePath}' failed with exit code {outcome.ExitCode}: {firstText}{Environment.NewLine}" +
            $"Command: {commandLine}{Environment.NewLine}" +
            "Fix the reported error and build again; nothing was cached, so the next build recompiles. " +
            "Diagnostics holds every message and Output the raw compiler text.";
        return new NativeBuildException(message, commandLine, outcome.ExitCode, diagnostics, outcome.CombinedOutput);
    }

    public static NativeBuildException CompilerDidNotStart(string sourcePath, string commandLine, Exception error) =>
        new($"Compiling '{sourcePath}' failed: the compiler could not be started ({error.Message}).{Environment.NewLine}" +
            $"Command: {commandLine}{Environment.NewLine}Check that the compiler still exists and is executable.",
            commandLine, -1, [], error.Message);

    public static NativeBuildException NoLibraryProduced(string sourcePath, string commandLine, string expectedPath, string output) =>
        new($"Compiling '{sourcePath}' reported success but did not produce '{expectedPath}'.{Environment.NewLine}" +
            $"Command: {commandLine}{Environment.NewLine}Check that BuildOptions.Flags do not redirect the output (-o, --emit).",
            commandLine, 0, [], output);

    public static IOException CacheUnusable(string root, Exception error) =>
        new($"The build cache at '{root}' cannot be used: {error.Message} " +
            "Set BuildOptions.CacheDirectory or RELAXNATIVE_CACHE_DIR to a writable folder.", error);

    public static IOException CacheFolderUnsafe(string folder, string problem, string fix) =>
        new($"Refusing to use the build cache folder '{folder}': it is {problem}, so libraries loaded from it could be " +
            $"replaced by someone else. Fix: {fix}; or set BuildOptions.CacheDirectory or RELAXNATIVE_CACHE_DIR to a folder of your own.");

    public static IOException CacheEntryDamaged(string entryFolder, string damage) =>
        new($"The build cache entry '{entryFolder}' is damaged even after it was evicted and rebuilt: {damage}. " +
            "Something changes the cache while it is used (another tool, a failing disk, or a compiler wrapper that leaves a link " +
            "instead of the library); fix that, then run 'relaxnative cache clean' or set BuildOptions.CacheDirectory to another folder.");

    public static IOException PrebuiltDamaged(string manifestPath, string damage) =>
        new($"The prebuilt manifest '{manifestPath}' matches this source, but its library cannot be trusted: {damage}. " +
            "The prebuilt folder was changed after it was written: write it again with 'relaxnative build' (NativeBuilder.BuildPrebuilt), " +
            "or remove the manifest to compile from source.");

    public static IOException CannotInspect(string path, string reason) =>
        new($"Cannot inspect '{path}' in the build cache: {reason}. Check the permissions of the folders above it, " +
            "or set BuildOptions.CacheDirectory or RELAXNATIVE_CACHE_DIR to a folder of your own.");

    private static string Describe(SourceLanguage language) => language switch
    {
        SourceLanguage.C => "C",
        SourceLanguage.Cpp => "C++",
        _ => "Rust",
    };

    private static string Fix(SourceLanguage language) => language switch
    {
        SourceLanguage.C => "Install a C compiler (for example 'sudo apt-get install gcc'), or set CC (or BuildOptions.Compiler) to the path of a working one.",
        SourceLanguage.Cpp => "Install a C++ compiler (for example 'sudo apt-get install g++'), or set CXX (or BuildOptions.Compiler) to the path of a working one.",
        _ => "Install Rust (https://rustup.rs), or set RUSTC (or BuildOptions.Compiler) to the path of a working rustc.",
    };

    private static string FirstLines(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3);
        var text = string.Join(" | ", lines);
        return text.Length == 0 ? "(the compiler printed nothing)" : text;
    }

    public static InvalidDataException MalformedElf(string path, string problem) =>
        new($"Cannot read the export table of '{path}': {problem}. Only ELF shared libraries (64-bit, little-endian) are read; " +
            "rebuild the library, or check that the path names a shared library and not a script or a static archive.");
}
