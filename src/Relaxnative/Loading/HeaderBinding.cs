using Relaxnative.Binding;
using Relaxnative.Build;

namespace Relaxnative;

/// <summary>The composition behind <see cref="Native.Open"/> with headers: preprocess (Build) → parse (Signatures) → reconcile with the export table → bind.</summary>
internal static class HeaderBinding
{
    public static void BindHeaders(NativeModule module, NativeLibraryHandle handle, OpenOptions options)
    {
        var buildOptions = new BuildOptions { IncludePaths = options.IncludePaths, Defines = options.Defines, Compiler = options.Compiler, CacheDirectory = options.CacheDirectory };
        var language = options.IsCpp ? SourceLanguage.Cpp : SourceLanguage.C;
        var (bytes, cacheHit) = NativeBuilder.AnalyzeHeaders(options.Headers, buildOptions, language, SourceAnalysis.Analyzer);
        // The key names the format and the bytes are hash-checked, so only a defect reaches the exception.
        var declarations = StoredDeclarations.TryDeserialize(bytes)
            ?? throw new InvalidDataException($"The stored model of the headers {string.Join(", ", options.Headers)} cannot be read (from the cache: {cacheHit}). Clear the cache (relaxnative cache clean) and open again.");
        var exports = LibraryFile(handle.Path) is { } file ? NativeBuilder.ReadExports(file) : null;
        var reconciliation = ExportReconciler.Reconcile(exports, declarations, [], listUnexportedDefinitions: false);
        var skipped = new List<SkippedFunction>(reconciliation.Skipped);
        module.SetDeclarations(declarations.Model, reconciliation.ExportedCount, declarations.Layouts);
        foreach (var candidate in reconciliation.Candidates)
        {
            if (!module.TryBindExport(candidate.Signature, candidate.Symbol, new BindOptions { Cost = candidate.Annotations.Cost }))
            {
                skipped.Add(new SkippedFunction(candidate.Signature.Name, $"The export table lists '{candidate.Symbol}', but the loader cannot find it in '{handle.Path}'."));
            }
        }

        module.SetSkipped(skipped);
    }

    /// <summary>
    /// The file the loader opened: the path as given when it exists, else the same name in the loader's usual folders
    /// (<c>LD_LIBRARY_PATH</c> first). The export table is read from the file, never from the mapped image.
    /// </summary>
    private static string? LibraryFile(string opened)
    {
        if (File.Exists(opened))
        {
            return Path.GetFullPath(opened);
        }

        string[] folders =
        [
            .. (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries),
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib",
        ];
        return folders.Select(folder => Path.Combine(folder, opened)).FirstOrDefault(File.Exists);
    }
}
