namespace Relaxnative.Signatures;

/// <summary>Resolving typedef names out of types, and comparing types after resolution.</summary>
internal static class CTypeResolution
{
    /// <summary>Returns <paramref name="type"/> with typedef names removed at every level; the same instance when there are none.</summary>
    public static CType Resolve(CType type)
    {
        // Pointer chains are walked iteratively: a declaration may have thousands of levels.
        var levels = new List<CType>();
        var inner = type;
        var stripped = false;
        while (true)
        {
            while (inner.TypedefName is not null)
            {
                stripped = true;
                var constant = inner.IsConst;
                inner = inner.Underlying!;
                if (constant && !inner.IsConst)
                {
                    inner = inner.WithConst(true);
                }
            }

            if (inner.Kind != CTypeKind.Pointer)
            {
                break;
            }

            levels.Add(inner);
            inner = inner.Pointee!;
        }

        var result = inner.Kind == CTypeKind.FunctionPointer ? ResolveFunctionPointer(inner) : inner;
        if (!stripped && ReferenceEquals(result, inner))
        {
            return type;
        }

        for (var i = levels.Count - 1; i >= 0; i--)
        {
            result = CType.PointerTo(result, levels[i].IsConst);
        }

        return result;
    }

    /// <summary>Whether two types pass the same bits once typedef names are resolved (const and scalar spellings aside).</summary>
    public static bool SameType(CType left, CType right)
    {
        var a = left.Resolved;
        var b = right.Resolved;
        while (true)
        {
            if (a.Kind != b.Kind)
            {
                return false;
            }

            switch (a.Kind)
            {
                case CTypeKind.Pointer:
                    a = a.Pointee!.Resolved;
                    b = b.Pointee!.Resolved;
                    continue;
                case CTypeKind.FunctionPointer:
                    return SameSignature(a.Function!, b.Function!);
                case CTypeKind.Struct or CTypeKind.Opaque:
                    return string.Equals(a.TagName, b.TagName, StringComparison.Ordinal);
                default:
                    return true;
            }
        }
    }

    /// <summary>Whether two signatures have the same return type, parameter types and variadic flag (names ignored).</summary>
    public static bool SameSignature(CFunctionSignature left, CFunctionSignature right)
    {
        if (left.IsVariadic != right.IsVariadic || left.Parameters.Count != right.Parameters.Count
            || !SameType(left.ReturnType, right.ReturnType))
        {
            return false;
        }

        for (var i = 0; i < left.Parameters.Count; i++)
        {
            if (!SameType(left.Parameters[i].Type, right.Parameters[i].Type))
            {
                return false;
            }
        }

        return true;
    }

    private static CType ResolveFunctionPointer(CType type)
    {
        var function = type.Function!;
        var returnType = function.ReturnType.Resolved;
        var changed = !ReferenceEquals(returnType, function.ReturnType);
        var parameters = new CParameter[function.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = function.Parameters[i];
            var resolved = parameter.Type.Resolved;
            changed |= !ReferenceEquals(resolved, parameter.Type);
            parameters[i] = ReferenceEquals(resolved, parameter.Type) ? parameter : parameter with { Type = resolved };
        }

        return changed
            ? CType.FunctionPointerTo(function with { ReturnType = returnType, Parameters = parameters }, type.IsConst)
            : type;
    }
}
