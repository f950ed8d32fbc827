namespace Relaxnative.Signatures;

/// <summary>Types of declared objects in a translation unit: arrays with bounds, function typedefs, mode attributes.</summary>
internal sealed partial class CDeclarationParser
{
    /// <summary>The type of a typedef or member: the element type and bounds of an array, or a function type held as a function pointer.</summary>
    private (CType Type, IReadOnlyList<long?> Bounds, bool IsFunctionType) ToDeclaredType(CDeclarator declarator)
    {
        List<long?>? bounds = null;
        var inner = declarator;
        while (inner.Kind == CDeclaratorKind.Array)
        {
            bounds ??= [];
            bounds.Add(inner.BoundEnd > inner.BoundStart ? TryEvaluate(inner.BoundStart, inner.BoundEnd) : null);
            inner = inner.Inner!;
        }

        if (inner.Kind == CDeclaratorKind.Function)
        {
            if (bounds is not null)
            {
                throw Error("a declaration", "An array of functions is not C; use an array of function pointers.");
            }

            return (CType.FunctionPointerTo(BuildSignature(string.Empty, inner)), [], true);
        }

        if (inner.Kind == CDeclaratorKind.Base && inner.IsFunctionType)
        {
            return (inner.Base!, (IReadOnlyList<long?>?)bounds ?? [], bounds is null);
        }

        return (ToValueType(inner), (IReadOnlyList<long?>?)bounds ?? [], false);
    }

    /// <summary>
    /// Applies <c>__attribute__((mode(M)))</c>, which sets an integer's width whatever its base type says
    /// (<c>typedef int register_t __attribute__((__mode__(__word__)))</c> is 64 bits on x86-64).
    /// </summary>
    private CType ApplyMode(CType type, string? mode)
    {
        if (mode is null || !type.IsScalar || type.Kind is CTypeKind.Void or CTypeKind.Float or CTypeKind.Double)
        {
            return type;
        }

        var unsigned = type.Kind is CTypeKind.UInt8 or CTypeKind.UInt16 or CTypeKind.UInt32 or CTypeKind.UInt64 or CTypeKind.UIntPtr or CTypeKind.Bool;
        var kind = mode switch
        {
            "QI" or "byte" => unsigned ? CTypeKind.UInt8 : CTypeKind.Int8,
            "HI" => unsigned ? CTypeKind.UInt16 : CTypeKind.Int16,
            "SI" => unsigned ? CTypeKind.UInt32 : CTypeKind.Int32,
            "DI" or "word" or "pointer" => unsigned ? CTypeKind.UInt64 : CTypeKind.Int64,
            _ => (CTypeKind?)null,
        };
        if (kind is null)
        {
            throw Error(Current, "a type this parser can represent", SignatureMessages.UnsupportedAttribute("mode(" + mode + ")"));
        }

        return kind == type.Kind ? type : CType.Scalar(kind.Value, null, type.IsConst);
    }

    /// <summary>
    /// Gives the C library's pointer-sized typedefs their binding kind (<c>size_t</c> is surfaced as <see cref="nuint"/>,
    /// <c>intptr_t</c> as <see cref="nint"/>) when the header defines them with an integer of the same size.
    /// </summary>
    private static CType WellKnownKind(string name, CType type)
    {
        if (!CTypeNames.TryGetTypedef(name, out var kind) || kind == type.Kind || !type.IsScalar || type.TypedefName is not null && type.Kind == kind)
        {
            return type;
        }

        var sample = CType.Scalar(kind);
        if (sample.SizeInBytes != type.SizeInBytes || type.Kind is CTypeKind.Float or CTypeKind.Double or CTypeKind.Void or CTypeKind.Bool)
        {
            return type;
        }

        var resolved = type.Resolved;
        var spelling = resolved.IsConst && resolved.Spelling.StartsWith("const ", StringComparison.Ordinal) ? resolved.Spelling[6..] : resolved.Spelling;
        return CType.Scalar(kind, spelling, type.IsConst);
    }

    /// <summary>Refuses an old-style (K&amp;R) identifier list <c>f(a, b)</c>: its parameters' types are not in the declarator.</summary>
    private void RejectOldStyleParameters()
    {
        var i = _position + 1;
        if (!_tokens[i].IsIdentifier || _unit!.IsTypedefName(_tokens[i].Text) || IsKeyword(_tokens[i].Text)
            || TypeWords.IsTypeKeyword(_tokens[i].Text))
        {
            return;
        }

        while (_tokens[i].IsIdentifier && !_unit.IsTypedefName(_tokens[i].Text) && !IsKeyword(_tokens[i].Text))
        {
            i++;
            if (_tokens[i].Is(")"))
            {
                throw Error(_tokens[_position + 1], "a parameter type", SignatureMessages.OldStyleDefinition);
            }

            if (!_tokens[i].Is(","))
            {
                return;
            }

            i++;
        }
    }

    /// <summary>The index of the ')' matching the '(' at <paramref name="open"/>.</summary>
    internal int FindClose(int open) => FindClosing(open, "(", ")");
}
