namespace Relaxnative.Binding;

/// <summary>Turns a <see cref="CFunctionSignature"/> into a <see cref="CallPlan"/>, or lists every reason it cannot.</summary>
internal static class CallPlanner
{
    /// <summary>Creates the plan for <paramref name="signature"/>.</summary>
    /// <exception cref="NativeBindingException">The signature has unsupported parts; every one is listed.</exception>
    public static CallPlan Create(CFunctionSignature signature, bool isTrivial = false)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var problems = FindProblems(signature);
        if (problems.Count > 0)
        {
            throw new NativeBindingException(signature.Name, problems);
        }

        var parameters = signature.Parameters.Select(p => PlanOf(p.Type, p)).ToArray();
        return new CallPlan(signature, parameters, PlanOf(signature.ReturnType, null), isTrivial)
        {
            VariadicFrom = signature.IsVariadic ? parameters.Length : null,
        };
    }

    /// <summary>Every reason <paramref name="signature"/> cannot be called, each with its fix; empty when it can.</summary>
    public static IReadOnlyList<string> FindProblems(CFunctionSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var problems = new List<string>();
        if (signature.IsVariadic && !VariadicThunks.IsSupported)
        {
            problems.Add(BindingErrors.VariadicPlatform());
        }

        if (signature.ReturnType.Kind is CTypeKind.Struct or CTypeKind.Opaque)
        {
            problems.Add(BindingErrors.StructByValue(null, signature.ReturnType));
        }

        foreach (var parameter in signature.Parameters)
        {
            if (parameter.Type.Kind is CTypeKind.Struct or CTypeKind.Opaque)
            {
                problems.Add(BindingErrors.StructByValue(parameter, parameter.Type));
            }
            else if (parameter.Type.Kind == CTypeKind.Void)
            {
                problems.Add(BindingErrors.VoidParameter(parameter));
            }
            else if (parameter.Type.Kind == CTypeKind.FunctionPointer && parameter.Type.Function is { } callback
                && FindProblems(callback) is { Count: > 0 } inner)
            {
                problems.AddRange(inner.Select(p =>
                    $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') is a callback whose signature cannot be used: {p}"));
            }
        }

        return problems;
    }

    internal static ValuePlan PlanOf(CType type, CParameter? parameter)
    {
        var kind = type.Kind switch
        {
            CTypeKind.Void => ValueKind.Void,
            CTypeKind.Bool => ValueKind.Bool,
            CTypeKind.Int8 => ValueKind.Int8,
            CTypeKind.UInt8 => ValueKind.UInt8,
            CTypeKind.Int16 => ValueKind.Int16,
            CTypeKind.UInt16 => ValueKind.UInt16,
            CTypeKind.Int32 => ValueKind.Int32,
            CTypeKind.UInt32 => ValueKind.UInt32,
            CTypeKind.Int64 => ValueKind.Int64,
            CTypeKind.UInt64 => ValueKind.UInt64,
            CTypeKind.IntPtr => ValueKind.IntPtr,
            CTypeKind.UIntPtr => ValueKind.UIntPtr,
            CTypeKind.Float => ValueKind.Float,
            CTypeKind.Double => ValueKind.Double,
            CTypeKind.FunctionPointer => ValueKind.FunctionPointer,
            CTypeKind.Pointer when type.IsCharPointer => ValueKind.CharPointer,
            CTypeKind.Pointer when type.Pointee!.Kind is CTypeKind.Pointer or CTypeKind.FunctionPointer => ValueKind.PointerTable,
            _ => ValueKind.Pointer,
        };
        return new ValuePlan(kind, type, parameter);
    }
}
