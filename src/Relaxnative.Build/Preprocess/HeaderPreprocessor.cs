using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Preprocesses the headers of an already built library (for <c>Native.Open</c> with headers): one generated unit that
/// includes each header in order, run through the compiler's <c>-E</c> with the given include paths, defines and flags.
/// Line markers keep every declaration's real header file and line.
/// </summary>
internal static class HeaderPreprocessor
{
    /// <summary>Preprocesses <paramref name="headers"/> as one translation unit.</summary>
    /// <param name="headers">Header names found through the include paths (<c>"zlib.h"</c>, <c>"openssl/sha.h"</c>) or paths to header files.</param>
    /// <param name="options">Include paths, defines, flags, compiler and optimisation level (which decides <c>__OPTIMIZE__</c>).</param>
    /// <param name="language">C or C++.</param>
    /// <param name="cancellationToken">Kills the compiler.</param>
    /// <exception cref="ArgumentException">No header was given, or a header name is empty.</exception>
    /// <exception cref="NativeToolchainException">No working compiler for <paramref name="language"/>.</exception>
    /// <exception cref="NativeBuildException">The compiler failed (a header not found, a syntax error); its diagnostics are attached.</exception>
    public static async Task<PreprocessedUnit> PreprocessAsync(IReadOnlyList<string> headers, BuildOptions options, SourceLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0 || headers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one header, each a name found through the include paths (\"zlib.h\") or a path to a header file.", nameof(headers));
        }

        var toolchain = ToolchainLocator.Default.Resolve(language, options.Compiler);
        var folder = Directory.CreateTempSubdirectory("relaxnative-headers-").FullName;
        try
        {
            var unit = Path.Combine(folder, language == SourceLanguage.Cpp ? "headers.cpp" : "headers.c");
            await File.WriteAllTextAsync(unit, IncludeLines(headers), cancellationToken).ConfigureAwait(false);
            var flags = CompilePlan.CommonFlags(options, options.IncludePaths.Select(Path.GetFullPath));
            var step = PreprocessStep.Create(toolchain, flags, unit, Path.Combine(folder, "headers.i"));
            var described = string.Join(", ", headers);
            var text = (await CompileRunner.PreprocessAsync(described, [step], folder, cancellationToken).ConfigureAwait(false))[0].Text;
            return new PreprocessedUnit(unit, language, text) { Probe = step.Probe };
        }
        finally
        {
            PrivateFiles.DeleteQuietly(folder);
        }
    }

    /// <summary>Preprocesses sources one by one with the flags their build uses, without compiling.</summary>
    public static async Task<IReadOnlyList<PreprocessedUnit>> PreprocessSourcesAsync(IReadOnlyList<string> sources, BuildOptions options, CancellationToken cancellationToken)
    {
        var full = sources.Select(Path.GetFullPath).ToArray();
        var language = SourceLanguages.FromPath(full[0]);
        var toolchain = ToolchainLocator.Default.Resolve(language, options.Compiler);
        var folder = Directory.CreateTempSubdirectory("relaxnative-preprocess-").FullName;
        try
        {
            var flags = CompilePlan.CommonFlags(options, options.IncludePaths.Select(Path.GetFullPath));
            var steps = full.Select((source, i) => PreprocessStep.Create(toolchain, flags, source, Path.Combine(folder, $"{i}.i"))).ToArray();
            return await CompileRunner.PreprocessAsync(full[0], steps, folder, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            PrivateFiles.DeleteQuietly(folder);
        }
    }

    /// <summary>An existing file is included by its absolute path; anything else by name through the include paths, as <c>&lt;name&gt;</c>.</summary>
    private static string IncludeLines(IReadOnlyList<string> headers)
    {
        var builder = new StringBuilder();
        foreach (var header in headers)
        {
            builder.Append(File.Exists(header) ? $"#include \"{Path.GetFullPath(header).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : $"#include <{header}>").Append('\n');
        }

        return builder.ToString();
    }
}
