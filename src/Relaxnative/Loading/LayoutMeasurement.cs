using Relaxnative.Build;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// Runs the layout probe of one preprocessed C unit (Signatures writes it, Build compiles it and reads the object) and
/// keeps the measured values by record name. C++ units and units from storage are not measured.
/// </summary>
/// <param name="Records">Measured values per record name.</param>
/// <param name="Problem">Why the unit's records were not measured, or <see langword="null"/>.</param>
internal sealed record LayoutMeasurement(Dictionary<string, ProbedRecord> Records, string? Problem)
{
    private static readonly LayoutMeasurement s_none = new(new Dictionary<string, ProbedRecord>(StringComparer.Ordinal), null);

    public static LayoutMeasurement Measure(PreprocessedUnit unit, CDeclarationModel model)
    {
        var roots = RecordProbes.Roots(model);
        if (roots.Count == 0)
        {
            return s_none;
        }

        if (unit.Language != SourceLanguage.C)
        {
            return s_none with { Problem = "record layouts are measured for C sources and headers only, and this unit is C++" };
        }

        if (unit.Probe is not { } probe)
        {
            return s_none with { Problem = "the library's declarations were stored without record layouts (built without a compiler probe); rebuild it with this version" };
        }

        try
        {
            var symbols = probe.RunAsync(unit.Text, RecordProbes.Source(model, roots), CancellationToken.None).GetAwaiter().GetResult();
            return new LayoutMeasurement(RecordProbes.Collect(model, roots, symbols), null);
        }
        catch (Exception e) when (e is NativeBuildException or InvalidDataException or IOException)
        {
            return s_none with { Problem = "the compiler could not measure the records: " + e.Message.Split('\n')[0] };
        }
    }

    /// <summary>The measurements of several units: the first unit that measured a record wins (a header's records are the same everywhere).</summary>
    public static LayoutMeasurement Merge(IEnumerable<LayoutMeasurement> units)
    {
        var records = new Dictionary<string, ProbedRecord>(StringComparer.Ordinal);
        string? problem = null;
        foreach (var unit in units)
        {
            foreach (var (name, values) in unit.Records)
            {
                records.TryAdd(name, values);
            }

            problem ??= unit.Problem;
        }

        return new LayoutMeasurement(records, problem);
    }
}
