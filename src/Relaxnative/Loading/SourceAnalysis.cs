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
    public static DeclarationAnalyzer Analyzer { get; } = units => Analyze(units).Serialize();

    public static StoredDeclarations Analyze(IReadOnlyList<PreprocessedUnit> units)
    {
        var models = new CDeclarationModel[units.Count];
        // Units are independent: parse them in parallel (a 32-file library is 32 parses).
        Parallel.For(0, units.Count, i =>
        {
            var unit = units[i];
            models[i] = CTranslationUnitParser.Parse(unit.Text, unit.Language == SourceLanguage.Cpp ? CParseOptions.Cpp : CParseOptions.C);
        });
        var model = models.Length == 1 ? models[0] : CDeclarationModel.Merge(models);
        return new StoredDeclarations(model, ReadAnnotations(model));
    }

    /// <summary>Annotations of the definitions in files that still exist (system headers have none worth reading).</summary>
    private static Dictionary<string, FunctionAnnotations> ReadAnnotations(CDeclarationModel model)
    {
        var result = new Dictionary<string, FunctionAnnotations>(StringComparer.Ordinal);
        foreach (var file in model.Functions.Where(f => f.IsDefinition && !f.Location.IsSystemHeader && f.Location.Line > 0).GroupBy(f => f.Location.File))
        {
            string text;
            try
            {
                text = File.ReadAllText(file.Key);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
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
}
