using Relaxnative.Build;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// Turns preprocessed translation units into <see cref="StoredDeclarations"/>: each unit is parsed (Signatures), the
/// models are merged, and the annotations of every definition are read from the comments of its original file at the
/// line the line markers give. Runs once per cache key, on a miss.
/// </summary>
internal static class SourceAnalysis
{
    /// <summary>The analyzer the Build room runs after a compile; its bytes are stored in the cache entry.</summary>
    public static DeclarationAnalyzer Analyzer { get; } = new(StoredDeclarations.FormatName, units => Analyze(units).Serialize());

    public static StoredDeclarations Analyze(IReadOnlyList<PreprocessedUnit> units)
    {
        var models = new CDeclarationModel[units.Count];
        var probes = new LayoutMeasurement[units.Count];
        // Units are independent: parse them in parallel (a 32-file library is 32 parses).
        Parallel.For(0, units.Count, i =>
        {
            var unit = units[i];
            models[i] = CTranslationUnitParser.Parse(unit.Text, unit.Language == SourceLanguage.Cpp ? CParseOptions.Cpp : CParseOptions.C);
            probes[i] = LayoutMeasurement.Measure(unit, models[i]);
        });
        var model = models.Length == 1 ? models[0] : CDeclarationModel.Merge(models);
        var sources = new SourceFiles();
        var merged = LayoutMeasurement.Merge(probes);
        return new StoredDeclarations(model, ReadAnnotations(model, sources), InternalSkips(model, sources))
        {
            Probes = merged.Records,
            LayoutProblem = merged.Problem,
        };
    }

    /// <summary>
    /// Skipped function declarations in the user's own files that were written <c>static</c>: the model keeps no storage
    /// class for what it could not represent, so the original line tells (the preprocessor keeps line numbers, not text).
    /// </summary>
    private static HashSet<string> InternalSkips(CDeclarationModel model, SourceFiles sources)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var skipped in model.Skipped.Where(s => s.IsFunction && s.Name.Length > 0 && !s.Location.IsSystemHeader && s.Location.Line > 0))
        {
            if (sources.Line(skipped.Location.File, skipped.Location.Line) is { } line)
            {
                var end = line.IndexOf(skipped.Name, StringComparison.Ordinal);
                var before = end < 0 ? line : line[..end];
                if (before.Split([' ', '\t', '*', '&', '(', '<', '>', ','], StringSplitOptions.RemoveEmptyEntries).Contains("static"))
                {
                    names.Add(skipped.Name);
                }
            }
        }

        return names;
    }

    /// <summary>Annotations of the definitions in files that still exist (system headers have none worth reading).</summary>
    private static Dictionary<string, FunctionAnnotations> ReadAnnotations(CDeclarationModel model, SourceFiles sources)
    {
        var result = new Dictionary<string, FunctionAnnotations>(StringComparer.Ordinal);
        foreach (var file in model.Functions.Where(f => f.IsDefinition && !f.Location.IsSystemHeader && f.Location.Line > 0).GroupBy(f => f.Location.File))
        {
            if (sources.Text(file.Key) is not { } text)
            {
                continue; // "<built-in>" and files gone since: nothing to read
            }

            foreach (var (name, annotations) in SourceAnnotations.Read(text, file.Select(f => new KeyValuePair<int, string>(f.Location.Line, f.Name))))
            {
                if (!ReferenceEquals(annotations, FunctionAnnotations.None))
                {
                    result[name] = annotations;
                }
            }
        }

        return result;
    }

    /// <summary>Original files read once each, with their line starts.</summary>
    private sealed class SourceFiles
    {
        private readonly Dictionary<string, (string Text, List<int> Starts)?> _files = new(StringComparer.Ordinal);

        public string? Text(string path) => Load(path)?.Text;

        public string? Line(string path, int line)
        {
            if (Load(path) is not { } file || line < 1 || line > file.Starts.Count)
            {
                return null;
            }

            var start = file.Starts[line - 1];
            var end = line < file.Starts.Count ? file.Starts[line] : file.Text.Length;
            return file.Text[start..end];
        }

        private (string Text, List<int> Starts)? Load(string path)
        {
            if (!_files.TryGetValue(path, out var file))
            {
                try
                {
                    var text = File.ReadAllText(path);
                    var starts = new List<int> { 0 };
                    for (var i = 0; i < text.Length; i++)
                    {
                        if (text[i] == '\n')
                        {
                            starts.Add(i + 1);
                        }
                    }

                    file = (text, starts);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
                {
                    file = null;
                }

                _files[path] = file;
            }

            return file;
        }
    }
}
