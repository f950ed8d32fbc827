using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Preprocesses the headers of an already built library (for <c>Native.Open</c> with headers): one generated unit that
/// includes each header in order, run through the compiler's <c>-E</c> with the given include paths, defines and flags.
/// Line markers keep every declaration's real header file and line. What is learned is cached per key and header state.
/// </summary>
internal static class HeaderPreprocessor
{
    /// <summary>
    /// What <paramref name="analyzer"/> makes of <paramref name="headers"/> preprocessed as one translation unit, from the
    /// cache when the same compiler, flags and include lines were analyzed before and every file the compiler read then
    /// still hashes the same; otherwise preprocessed now (the compiler writes its dependency file beside the text) and stored.
    /// </summary>
    /// <param name="headers">Header names found through the include paths (<c>"zlib.h"</c>, <c>"openssl/sha.h"</c>) or paths to header files.</param>
    /// <param name="options">Include paths, defines, flags, compiler, optimisation level (which decides <c>__OPTIMIZE__</c>) and cache folder.</param>
    /// <param name="language">C or C++.</param>
    /// <param name="analyzer">Turns the preprocessed unit into the bytes to store.</param>
    /// <param name="cancellationToken">Kills the compiler.</param>
    /// <returns>The analyzer's bytes, and whether they came from the cache.</returns>
    /// <exception cref="ArgumentException">No header was given, or a header name is empty.</exception>
    /// <exception cref="NativeToolchainException">No working compiler for <paramref name="language"/>.</exception>
    /// <exception cref="NativeBuildException">The compiler failed (a header not found, a syntax error); its diagnostics are attached.</exception>
    public static async Task<(byte[] Declarations, bool CacheHit)> AnalyzeAsync(
        IReadOnlyList<string> headers, BuildOptions options, SourceLanguage language, DeclarationAnalyzer analyzer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.Count == 0 || headers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Give at least one header, each a name found through the include paths (\"zlib.h\") or a path to a header file.", nameof(headers));
        }

        var environment = BuildEnvironment.Default;
        var toolchain = environment.Toolchains.Resolve(language, options.Compiler);
        var flags = CompilePlan.CommonFlags(options, options.IncludePaths.Select(Path.GetFullPath));
        var includeLines = IncludeLines(headers);
        var key = Key(toolchain, language, flags, includeLines, analyzer.Format, environment);
        var cache = new BuildCache(CacheRoot.Resolve(options, environment.GetVariable));
        if (cache.TryFindHeaderModel(key, environment.Schema) is { } stored)
        {
            return (stored, true);
        }

        var folder = Directory.CreateTempSubdirectory("relaxnative-headers-").FullName;
        try
        {
            var startedUtc = DateTime.UtcNow;
            var unit = Path.Combine(folder, language == SourceLanguage.Cpp ? "headers.cpp" : "headers.c");
            await File.WriteAllTextAsync(unit, includeLines, cancellationToken).ConfigureAwait(false);
            var depFile = Path.Combine(folder, "headers.d");
            var step = PreprocessStep.Create(toolchain, [.. flags, "-MD", "-MF", depFile], unit, Path.Combine(folder, "headers.i"));
            var text = (await CompileRunner.PreprocessAsync(string.Join(", ", headers), [step], folder, cancellationToken).ConfigureAwait(false))[0].Text;
            var declarations = analyzer.Analyze([new PreprocessedUnit(unit, language, text) { Probe = step.Probe }]);
            var read = DepFileParser.Parse(await File.ReadAllTextAsync(depFile, cancellationToken).ConfigureAwait(false))
                .Select(d => Path.GetFullPath(d, folder))
                .Where(d => !d.StartsWith(folder, StringComparison.Ordinal))
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(d => new FileHash(d, KeyHasher.TryHashFile(d) ?? ""))
                .ToArray();
            // A header written while the compiler ran may not be what was read: such a model serves this call only.
            if (read.All(h => h.Sha256.Length > 0 && File.GetLastWriteTimeUtc(h.Path) < startedUtc))
            {
                cache.PublishHeaderModel(
                    new HeaderModelManifest
                    {
                        Schema = environment.Schema,
                        Key = key,
                        Headers = read,
                        Declarations = "declarations",
                        DeclarationsSha256 = KeyHasher.HashBytes(declarations),
                        CreatedUtc = startedUtc,
                    },
                    declarations);
            }

            return (declarations, false);
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

    private static string Key(Toolchain toolchain, SourceLanguage language, IReadOnlyList<string> flags, string includeLines, string analyzerFormat, BuildEnvironment environment)
    {
        var hasher = new KeyHasher();
        return hasher.Add("kind", "headers")
            .Add("schema", environment.Schema.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("platform", environment.Platform)
            .Add("language", language.ToString())
            .Add("compiler.path", toolchain.Path)
            .Add("compiler.version", toolchain.Version)
            .Add("flags", flags)
            .Add("analyzer", analyzerFormat)
            .Add("includes", includeLines)
            .Finish();
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
