namespace Relaxnative.Signatures;

/// <summary>
/// The measured layouts of a model's records, found by C name: <c>struct point</c>, a typedef name (<c>point_t</c>,
/// <c>Vector2</c>), or a record type. Immutable and thread-safe.
/// </summary>
internal sealed class CLayoutTable
{
    private readonly CDeclarationModel _model;
    private readonly Lazy<Dictionary<string, CLayout>> _layouts;

    private CLayoutTable(CDeclarationModel model, Func<Dictionary<string, CLayout>> build, string? problem)
    {
        _model = model;
        // Built on first use: most loads never ask for a layout, and a model with system headers holds many records.
        _layouts = new Lazy<Dictionary<string, CLayout>>(build, LazyThreadSafetyMode.ExecutionAndPublication);
        Problem = problem;
    }

    private Dictionary<string, CLayout> ByKey => _layouts.Value;

    /// <summary>A table without layouts: nothing was measured.</summary>
    public static CLayoutTable None(CDeclarationModel model, string? problem) => new(model, () => new Dictionary<string, CLayout>(StringComparer.Ordinal), problem);

    /// <summary>Why layouts are missing (the probe failed, or the library came without them), or <see langword="null"/>.</summary>
    public string? Problem { get; }

    /// <summary>Whether no record was measured.</summary>
    public bool IsEmpty => ByKey.Count == 0;

    /// <summary>
    /// A table of layouts measured elsewhere, found by the record keys given (<c>struct rn_record_0</c>): what the helper
    /// process gets for the records of a signature, which it receives as shapes rather than as a model.
    /// </summary>
    public static CLayoutTable Of(IReadOnlyDictionary<string, CLayout> layouts) =>
        new(CDeclarationModel.Empty, () => new Dictionary<string, CLayout>(layouts, StringComparer.Ordinal), null);

    /// <summary>Builds the table from stored probe values; records whose values do not fit are left out.</summary>
    public static CLayoutTable Create(CDeclarationModel model, IReadOnlyDictionary<string, ProbedRecord> probed, string? problem) =>
        new(model, () => Build(model, probed), problem);

    private static Dictionary<string, CLayout> Build(CDeclarationModel model, IReadOnlyDictionary<string, ProbedRecord> probed)
    {
        var byKey = new Dictionary<string, CLayout>(StringComparer.Ordinal);
        foreach (var (spelling, record) in RecordProbes.Roots(model))
        {
            if (probed.TryGetValue(spelling, out var values) && RecordProbes.Read(model, spelling, record, values) is { } layout)
            {
                byKey.TryAdd(spelling, layout);
                byKey.TryAdd(record.Key, layout); // an anonymous record reached through its typedef
            }
        }

        return byKey;
    }

    /// <summary>The layout of the record a struct or union type names, or <see langword="null"/>.</summary>
    public CLayout? Find(CType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind != CTypeKind.Struct)
        {
            return null;
        }

        for (var named = type; named is not null; named = named.Underlying)
        {
            if (named.TypedefName is { } typedef && ByKey.TryGetValue(typedef, out var byTypedef))
            {
                return byTypedef;
            }
        }

        return ByKey.GetValueOrDefault(RecordProbes.KeyOf(type));
    }

    /// <summary>The layout named <paramref name="name"/>: <c>struct point</c>, <c>union value</c> or a typedef name; or <see langword="null"/>.</summary>
    public CLayout? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (ByKey.TryGetValue(trimmed, out var layout))
        {
            return layout;
        }

        return _model.TryGetTypedef(trimmed, out var typedef) && typedef.ArrayBounds.Count == 0 ? Find(typedef.Type) : null;
    }

    /// <summary>Whether the model defines a record called <paramref name="name"/> (measured or not).</summary>
    public bool Defines(string name) =>
        _model.TryGetRecord(name, out _) || (_model.TryGetTypedef(name, out var typedef) && typedef.Type.Kind == CTypeKind.Struct && _model.TryGetRecord(RecordProbes.KeyOf(typedef.Type), out _));

    /// <summary>Every measured layout, each once.</summary>
    public IEnumerable<CLayout> All => ByKey.Values.Distinct();
}
