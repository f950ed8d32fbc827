namespace Relaxnative.Signatures;

/// <summary>
/// What a translation unit's parse knows so far: the typedef scope stack (pycparser's: name -> is-typedef, inner scopes
/// first), enum constants, the specifiers and attributes of the declaration being read, and the results.
/// </summary>
internal sealed class UnitState
{
    // GCC's built-in type names: declared by no header, used by all (<stdarg.h>, <bits/floatn.h>).
    private static readonly Dictionary<string, CType> s_builtins = new(StringComparer.Ordinal)
    {
        ["__builtin_va_list"] = CType.Named(CTypeKind.Struct, "__builtin_va_list"),
        ["_Float32"] = CType.Scalar(CTypeKind.Float, "_Float32"),
        ["_Float64"] = CType.Scalar(CTypeKind.Double, "_Float64"),
        ["_Float32x"] = CType.Scalar(CTypeKind.Double, "_Float32x"),
        ["_Float64x"] = CType.Named(CTypeKind.Struct, "_Float64x"),
        ["_Float128"] = CType.Named(CTypeKind.Struct, "_Float128"),
        ["_Float128x"] = CType.Named(CTypeKind.Struct, "_Float128x"),
        ["_Float16"] = CType.Named(CTypeKind.Struct, "_Float16"),
        ["__float128"] = CType.Named(CTypeKind.Struct, "__float128"),
        ["__float80"] = CType.Named(CTypeKind.Struct, "__float80"),
        ["__ibm128"] = CType.Named(CTypeKind.Struct, "__ibm128"),
        ["__fp16"] = CType.Named(CTypeKind.Struct, "__fp16"),
        ["__bf16"] = CType.Named(CTypeKind.Struct, "__bf16"),
        ["_Decimal32"] = CType.Named(CTypeKind.Struct, "_Decimal32"),
        ["_Decimal64"] = CType.Named(CTypeKind.Struct, "_Decimal64"),
        ["_Decimal128"] = CType.Named(CTypeKind.Struct, "_Decimal128"),
        ["__int128_t"] = CType.Named(CTypeKind.Struct, "__int128"),
        ["__uint128_t"] = CType.Named(CTypeKind.Struct, "unsigned __int128"),
        ["__SVBool_t"] = CType.Named(CTypeKind.Struct, "__SVBool_t"),
    };

    /// <summary>The tags of the built-in types above that no .NET type can carry by value (<c>_Float128</c>, <c>__builtin_va_list</c>...).</summary>
    internal static IEnumerable<string> BuiltinTagsWithoutEquivalent =>
        s_builtins.Values.Where(t => t.Kind == CTypeKind.Struct).Select(t => t.TagName!);

    private readonly Dictionary<string, TypedefEntry> _typedefs = new(StringComparer.Ordinal);
    private readonly List<HashSet<string>> _inner = [];
    private readonly Dictionary<string, CTypeKind> _enumKinds = new(StringComparer.Ordinal);

    public UnitState(CParseOptions options, LineMap lines)
    {
        Options = options;
        Lines = lines;
    }

    public CParseOptions Options { get; }

    public LineMap Lines { get; }

    public AttributeSet Attributes { get; set; } = new();

    public DeclarationSpecifiers Specifiers { get; set; } = new();

    public Dictionary<string, CEnumConstant> EnumConstants { get; } = new(StringComparer.Ordinal);

    public HashSet<string> CLinkageNames { get; } = new(StringComparer.Ordinal);

    public List<CFunctionDeclaration> Functions { get; } = [];

    public List<CTypedefDeclaration> Typedefs { get; } = [];

    public List<CRecordDefinition> Records { get; } = [];

    public List<CEnumDefinition> Enums { get; } = [];

    public List<CSkippedDeclaration> Skipped { get; } = [];

    public List<CVariableDeclaration> Variables { get; } = [];

    /// <summary>The buffer/count pairs declared so far per function name, for later declarations and the definition.</summary>
    public Dictionary<string, IReadOnlyList<CBoundsPair>> BoundsByName { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads a storage-class or function specifier into <see cref="Specifiers"/>; false when the word is not one.</summary>
    public bool ReadStorage(string word)
    {
        switch (word)
        {
            case "typedef":
                Specifiers.IsTypedef = true;
                return true;
            case "static":
                Specifiers.Storage = CStorageClass.Static;
                return true;
            case "extern":
                if (Specifiers.Storage == CStorageClass.None)
                {
                    Specifiers.Storage = CStorageClass.Extern;
                }

                return true;
            case "inline" or "__inline" or "__inline__":
                Specifiers.IsInline = true;
                return true;
            default:
                return false;
        }
    }

    public bool IsTypedefName(string name)
    {
        for (var i = _inner.Count - 1; i >= 0; i--)
        {
            if (_inner[i].Contains(name))
            {
                return false; // An ordinary identifier that shadows the typedef in this scope.
            }
        }

        return _typedefs.ContainsKey(name) || s_builtins.ContainsKey(name);
    }

    public bool IsFunctionTypedef(string name) => _typedefs.TryGetValue(name, out var entry) && entry.IsFunctionType;

    public CType? Resolve(string name, bool isConst)
    {
        if (_typedefs.TryGetValue(name, out var entry))
        {
            return CType.Typedef(name, entry.Type, isConst);
        }

        return s_builtins.TryGetValue(name, out var builtin) ? builtin.WithConst(isConst) : null;
    }

    public void DeclareTypedef(string name, CType type, bool isFunctionType) =>
        _typedefs[name] = new TypedefEntry(type, isFunctionType);

    public void PushScope() => _inner.Add(new HashSet<string>(StringComparer.Ordinal));

    public void PopScope() => _inner.RemoveAt(_inner.Count - 1);

    public void DeclareOrdinary(string name)
    {
        if (_inner.Count > 0)
        {
            _inner[^1].Add(name);
        }
    }

    public void ResetScopes() => _inner.Clear();

    public CTypeKind? EnumKind(string spelling) => _enumKinds.TryGetValue(spelling, out var kind) ? kind : null;

    public void SetEnumKind(string spelling, CTypeKind kind) => _enumKinds[spelling] = kind;

    private readonly record struct TypedefEntry(CType Type, bool IsFunctionType);
}
