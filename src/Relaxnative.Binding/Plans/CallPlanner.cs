using Relaxnative.Signatures;

namespace Relaxnative.Binding;

/// <summary>Turns a <see cref="CFunctionSignature"/> into a <see cref="CallPlan"/>, or lists every reason it cannot.</summary>
internal static class CallPlanner
{
    /// <summary>Creates the plan for <paramref name="signature"/>.</summary>
    /// <exception cref="NativeBindingException">The signature has unsupported parts; every one is listed.</exception>
    /// <param name="signature">The C signature.</param>
    /// <param name="isTrivial">Whether the call skips the GC transition.</param>
    /// <param name="layouts">The measured layouts of the records the signature may pass by value; <see langword="null"/> when none are known.</param>
    public static CallPlan Create(CFunctionSignature signature, bool isTrivial = false, CLayoutTable? layouts = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var problems = FindProblems(signature, layouts);
        if (problems.Count > 0)
        {
            throw new NativeBindingException(signature.Name, problems);
        }

        var parameters = new ValuePlan[signature.Parameters.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            var parameter = signature.Parameters[i];
            parameters[i] = WithCallback(WithRecord(PlanOf(parameter.Type, parameter), layouts), layouts);
        }

        return new CallPlan(signature, parameters, WithRecord(PlanOf(signature.ReturnType, null), layouts), isTrivial)
        {
            VariadicFrom = signature.IsVariadic ? parameters.Length : null,
        };
    }

    // Only a signature that passes a record by value emits a type here; every call path that uses it already requires
    // dynamic code (emitted stubs), and NativeAOT callers call Address through their own delegate* unmanaged.
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Record types are used only by emitted call stubs, which require dynamic code themselves.")]
    private static ValuePlan WithRecord(ValuePlan plan, CLayoutTable? layouts)
    {
        if (plan.Kind != ValueKind.Record)
        {
            return plan;
        }

        var layout = layouts!.Find(plan.Type)!;
        return plan with { Layout = layout, RecordType = RecordTypes.For(layout) };
    }

    // A callback's plan is made with the layouts of the function it is passed to, so records in its signature travel as
    // the module measured them; FindProblems has already checked the callback's signature.
    private static ValuePlan WithCallback(ValuePlan plan, CLayoutTable? layouts) =>
        plan.Kind == ValueKind.FunctionPointer && plan.Type.Function is { } callback
            ? plan with { Callback = Create(callback, isTrivial: false, layouts) }
            : plan;

    /// <summary>Every reason <paramref name="signature"/> cannot be called, each with its fix; empty when it can.</summary>
    public static IReadOnlyList<string> FindProblems(CFunctionSignature signature, CLayoutTable? layouts = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        // Null until a problem is found: a load checks thousands of signatures that have none.
        List<string>? problems = null;
        if (signature.IsVariadic && !VariadicThunks.IsSupported)
        {
            (problems ??= []).Add(BindingErrors.VariadicPlatform());
        }

        if (signature.ReturnType.Kind is CTypeKind.Struct or CTypeKind.Opaque && RecordProblem(signature.ReturnType, layouts) is { } returned)
        {
            (problems ??= []).Add(BindingErrors.StructByValue(null, signature.ReturnType, returned));
        }

        foreach (var parameter in signature.Parameters)
        {
            if (parameter.Type.Kind is CTypeKind.Struct or CTypeKind.Opaque)
            {
                if (RecordProblem(parameter.Type, layouts) is { } problem)
                {
                    (problems ??= []).Add(BindingErrors.StructByValue(parameter, parameter.Type, problem));
                }
            }
            else if (parameter.Type.Kind == CTypeKind.Void)
            {
                (problems ??= []).Add(BindingErrors.VoidParameter(parameter));
            }
            else if (parameter.Type.Kind == CTypeKind.FunctionPointer && parameter.Type.Function is { } callback
                && FindProblems(callback, layouts) is { Count: > 0 } inner)
            {
                (problems ??= []).AddRange(inner.Select(p =>
                    $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') is a callback whose signature cannot be used: {p}"));
            }
        }

        return problems ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Why a struct-kind type cannot pass by value, or <see langword="null"/> when its measured layout allows it.</summary>
    private static string? RecordProblem(CType type, CLayoutTable? layouts)
    {
        if (CTypeNames.HasNoDotNetEquivalent(type))
        {
            return $"C '{type.Resolved.Spelling}' has no .NET equivalent to pass by value";
        }

        if (type.Kind == CTypeKind.Opaque || layouts is null)
        {
            return ""; // the generic message: no definition is known here
        }

        if (layouts.Find(type) is not { } layout)
        {
            return layouts.Defines(RecordProbes.KeyOf(type)) || (type.TypedefName is { } name && layouts.Defines(name))
                ? $"its layout was not measured ({layouts.Problem ?? "the compiler probe did not reach it"})"
                : "";
        }

        try
        {
            _ = RecordLeaves.Of(layout);
            return null;
        }
        catch (NotSupportedException e)
        {
            return e.Message;
        }
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
            CTypeKind.Struct => ValueKind.Record,
            CTypeKind.Pointer when type.IsCharPointer => ValueKind.CharPointer,
            CTypeKind.Pointer when type.Pointee!.Kind is CTypeKind.Pointer or CTypeKind.FunctionPointer => ValueKind.PointerTable,
            _ => ValueKind.Pointer,
        };
        return new ValuePlan(kind, type, parameter);
    }
}
