namespace Relaxnative.Signatures;

/// <summary>
/// The declarations of one translation unit (or of several merged with <see cref="Merge"/>): functions, typedefs,
/// records, enums and what could not be represented (<see cref="Skipped"/>), each with its original file and line.
/// Immutable; lookups are hash-based and safe to use from any thread.
/// </summary>
internal sealed class CDeclarationModel
{
    // Plain dictionaries, never written after construction (so safe for concurrent readers): a warm load builds them
    // once per model, and building a frozen dictionary costs several times more than the lookups it would save.
    private readonly Dictionary<string, int> _functionByName;
    private readonly Dictionary<string, int> _functionBySymbol;
    private readonly Dictionary<string, CTypedefDeclaration> _typedefs;
    private readonly Dictionary<string, CRecordDefinition> _records;
    private readonly Dictionary<string, CEnumConstant> _constants;
    private readonly Dictionary<string, CVariableDeclaration> _variables;

    /// <summary>Creates a model from its parts; the lookups are built here, once.</summary>
    /// <param name="functions">Every function declaration and definition, in source order (a function declared in a header and
    /// defined later appears twice).</param>
    /// <param name="typedefs">The typedefs in source order.</param>
    /// <param name="records">The struct and union definitions in source order.</param>
    /// <param name="enums">The enum definitions in source order.</param>
    /// <param name="skipped">What could not be represented, in source order.</param>
    /// <param name="variables">The file-scope variable declarations and definitions in source order; none when omitted.</param>
    /// <exception cref="ArgumentNullException">A list is <see langword="null"/>.</exception>
    public CDeclarationModel(
        IReadOnlyList<CFunctionDeclaration> functions,
        IReadOnlyList<CTypedefDeclaration> typedefs,
        IReadOnlyList<CRecordDefinition> records,
        IReadOnlyList<CEnumDefinition> enums,
        IReadOnlyList<CSkippedDeclaration> skipped,
        IReadOnlyList<CVariableDeclaration>? variables = null)
    {
        Variables = variables ?? [];
        var variableByName = new Dictionary<string, CVariableDeclaration>(StringComparer.Ordinal);
        foreach (var variable in Variables)
        {
            // A definition (or a declaration with known bounds) describes the object best: 'extern int t[];' then 'int t[4];'.
            if (!variableByName.TryGetValue(variable.Name, out var known) || (variable.SizeInBytes > 0 && known.SizeInBytes == 0))
            {
                variableByName[variable.Name] = variable;
            }
        }

        _variables = variableByName;
        Functions = functions ?? throw new ArgumentNullException(nameof(functions));
        Typedefs = typedefs ?? throw new ArgumentNullException(nameof(typedefs));
        Records = records ?? throw new ArgumentNullException(nameof(records));
        Enums = enums ?? throw new ArgumentNullException(nameof(enums));
        Skipped = skipped ?? throw new ArgumentNullException(nameof(skipped));

        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var bySymbol = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < functions.Count; i++)
        {
            Prefer(byName, functions[i].Name, i);
            Prefer(bySymbol, functions[i].SymbolName, i);
        }

        _functionByName = byName;
        _functionBySymbol = bySymbol;
        var typedefByName = new Dictionary<string, CTypedefDeclaration>(StringComparer.Ordinal);
        foreach (var typedef in typedefs)
        {
            typedefByName.TryAdd(typedef.Name, typedef);
        }

        _typedefs = typedefByName;
        var recordByKey = new Dictionary<string, CRecordDefinition>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            recordByKey.TryAdd(record.Key, record);
        }

        _records = recordByKey;
        var constants = new Dictionary<string, CEnumConstant>(StringComparer.Ordinal);
        foreach (var definition in enums)
        {
            foreach (var constant in definition.Constants)
            {
                constants.TryAdd(constant.Name, constant);
            }
        }

        _constants = constants;
    }

    /// <summary>An empty model.</summary>
    public static CDeclarationModel Empty { get; } = new([], [], [], [], []);

    /// <summary>Every function declaration and definition in source order; a name can appear more than once.</summary>
    public IReadOnlyList<CFunctionDeclaration> Functions { get; }

    /// <summary>The typedefs in source order.</summary>
    public IReadOnlyList<CTypedefDeclaration> Typedefs { get; }

    /// <summary>The struct and union definitions in source order (anonymous ones included, keyed by location).</summary>
    public IReadOnlyList<CRecordDefinition> Records { get; }

    /// <summary>The enum definitions in source order.</summary>
    public IReadOnlyList<CEnumDefinition> Enums { get; }

    /// <summary>Declarations that could not be represented, each with a reason and its file and line.</summary>
    public IReadOnlyList<CSkippedDeclaration> Skipped { get; }

    /// <summary>The file-scope variable declarations and definitions in source order; a name can appear more than once.</summary>
    public IReadOnlyList<CVariableDeclaration> Variables { get; }

    /// <summary>Finds the variable named <paramref name="name"/>: the first declaration whose size is known, else the first.</summary>
    /// <param name="name">The C name.</param>
    /// <param name="variable">The declaration, when found.</param>
    /// <returns>Whether the model declares the variable.</returns>
    public bool TryGetVariable(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CVariableDeclaration? variable)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _variables.TryGetValue(name, out variable);
    }

    /// <summary>
    /// Finds the declaration that best describes the function named <paramref name="name"/> (its C name): a
    /// definition first, else one with an <c>__asm__</c> label, else one with C linkage, else the first declaration.
    /// </summary>
    /// <param name="name">The C name.</param>
    /// <param name="declaration">The declaration, when found.</param>
    /// <returns>Whether the model declares the function.</returns>
    public bool TryGetFunction(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CFunctionDeclaration? declaration)
    {
        ArgumentNullException.ThrowIfNull(name);
        declaration = _functionByName.TryGetValue(name, out var index) ? Functions[index] : null;
        return declaration is not null;
    }

    /// <summary>
    /// Finds the function whose symbol in the library is <paramref name="symbol"/>: its <c>__asm__</c> label when one
    /// is given, else its C name. Preference as in <see cref="TryGetFunction"/>.
    /// </summary>
    /// <param name="symbol">The symbol name from the library's export table.</param>
    /// <param name="declaration">The declaration, when found.</param>
    /// <returns>Whether a declaration names that symbol.</returns>
    public bool TryGetFunctionBySymbol(string symbol, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CFunctionDeclaration? declaration)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        declaration = _functionBySymbol.TryGetValue(symbol, out var index) ? Functions[index] : null;
        return declaration is not null;
    }

    /// <summary>Finds a typedef by name.</summary>
    /// <param name="name">The typedef name.</param>
    /// <param name="typedef">The typedef, when found (the first one when a name is declared twice).</param>
    /// <returns>Whether the name is a typedef of this model.</returns>
    public bool TryGetTypedef(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CTypedefDeclaration? typedef)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _typedefs.TryGetValue(name, out typedef);
    }

    /// <summary>Finds a struct or union definition by key: <c>struct point</c>, <c>union value</c>, or an anonymous record's key.</summary>
    /// <param name="key">The record's key (<see cref="CRecordDefinition.Key"/>).</param>
    /// <param name="record">The definition, when found.</param>
    /// <returns>Whether the model defines the record.</returns>
    public bool TryGetRecord(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CRecordDefinition? record)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _records.TryGetValue(key, out record);
    }

    /// <summary>Finds an enumeration constant by name.</summary>
    /// <param name="name">The constant's name.</param>
    /// <param name="constant">The constant, when found.</param>
    /// <returns>Whether an enum of this model defines the constant.</returns>
    public bool TryGetEnumConstant(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CEnumConstant? constant)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _constants.TryGetValue(name, out constant);
    }

    /// <summary>
    /// Merges the models of several translation units or headers into one (a library whose header declares what several
    /// files define). Entries that are the same declaration at the same place (a header included by every file) appear
    /// once; the rest keep the order of <paramref name="models"/>.
    /// </summary>
    /// <param name="models">The models to merge.</param>
    /// <returns>The merged model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="models"/> or one of its items is <see langword="null"/>.</exception>
    public static CDeclarationModel Merge(IEnumerable<CDeclarationModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var functions = new List<CFunctionDeclaration>();
        var typedefs = new List<CTypedefDeclaration>();
        var records = new List<CRecordDefinition>();
        var enums = new List<CEnumDefinition>();
        var skipped = new List<CSkippedDeclaration>();
        var seenFunctions = new HashSet<(string, string, int, bool)>();
        var seenTypedefs = new HashSet<(string, string, int)>();
        var seenRecords = new HashSet<string>(StringComparer.Ordinal);
        var seenEnums = new HashSet<(string?, string, int)>();
        var seenSkipped = new HashSet<(string, string, int, string)>();
        var variables = new List<CVariableDeclaration>();
        var seenVariables = new HashSet<(string, string, int)>();
        foreach (var model in models)
        {
            ArgumentNullException.ThrowIfNull(model);
            foreach (var f in model.Functions)
            {
                if (seenFunctions.Add((f.Name, f.Location.File, f.Location.Line, f.IsDefinition)))
                {
                    functions.Add(f);
                }
            }

            foreach (var t in model.Typedefs)
            {
                if (seenTypedefs.Add((t.Name, t.Location.File, t.Location.Line)))
                {
                    typedefs.Add(t);
                }
            }

            foreach (var r in model.Records)
            {
                if (seenRecords.Add(r.Key))
                {
                    records.Add(r);
                }
            }

            foreach (var e in model.Enums)
            {
                if (seenEnums.Add((e.Tag, e.Location.File, e.Location.Line)))
                {
                    enums.Add(e);
                }
            }

            foreach (var v in model.Variables)
            {
                if (seenVariables.Add((v.Name, v.Location.File, v.Location.Line)))
                {
                    variables.Add(v);
                }
            }

            foreach (var s in model.Skipped)
            {
                if (seenSkipped.Add((s.Name, s.Location.File, s.Location.Line, s.Reason)))
                {
                    skipped.Add(s);
                }
            }
        }

        return new CDeclarationModel(functions, typedefs, records, enums, skipped, variables);
    }

    private void Prefer(Dictionary<string, int> map, string key, int index)
    {
        if (!map.TryGetValue(key, out var existing) || Rank(Functions[index]) > Rank(Functions[existing]))
        {
            map[key] = index;
        }
    }

    // A definition describes the function best; an asm label, once declared, names its symbol for every later use.
    private static int Rank(CFunctionDeclaration f) => (f.IsDefinition ? 4 : 0) + (f.AsmLabel is not null ? 2 : 0) + (f.HasCLinkage ? 1 : 0);
}
