using System.Diagnostics.CodeAnalysis;

namespace Relaxnative.Binding;

/// <summary>How a typed stub passes one delegate parameter.</summary>
internal enum ArgumentStrategy
{
    Direct,
    Buffer,
    Pointer,
    Array,
    Span,
    Utf8String,
    Callback,

    /// <summary>A variadic argument widened as C's default promotions require (float to double; bool, char, small integers to int).</summary>
    Promote,
}

/// <summary>How a typed stub returns the result.</summary>
internal enum ResultStrategy
{
    Direct,
    Bool,
    Pointer,
    String,
    Owned,
}

/// <summary>
/// Checks a delegate type against a call plan, parameter by parameter, and records how each is passed.
/// Every mismatch is collected so the error lists them all.
/// </summary>
internal sealed class DelegateShape
{
    private DelegateShape(Type[] parameterTypes, ArgumentStrategy[] arguments, Type returnType, ResultStrategy result, bool errnoOut)
    {
        ParameterTypes = parameterTypes;
        Arguments = arguments;
        ReturnType = returnType;
        Result = result;
        ErrnoOut = errnoOut;
    }

    /// <summary>The delegate's parameters; with <see cref="ErrnoOut"/>, one more than <see cref="Arguments"/>.</summary>
    internal Type[] ParameterTypes { get; }

    /// <summary>Whether the delegate's last parameter is an <c>out int</c> that receives errno (see <see cref="HasErrnoOut"/>).</summary>
    internal bool ErrnoOut { get; }

    internal ArgumentStrategy[] Arguments { get; }

    internal Type ReturnType { get; }

    internal ResultStrategy Result { get; }

    internal bool NeedsCleanup => Arguments.Any(a => a is ArgumentStrategy.Buffer or ArgumentStrategy.Pointer or ArgumentStrategy.Utf8String);

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static DelegateShape Create(CallPlan plan, Type delegateType)
    {
        var invoke = delegateType.GetMethod("Invoke")
            ?? throw new ArgumentException($"{delegateType.Name} is not a delegate type.", nameof(delegateType));
        var problems = new List<string>();
        var all = invoke.GetParameters();
        bool errnoOut = HasErrnoOut(all, plan.Parameters.Count);
        if (errnoOut && !plan.CaptureErrno)
        {
            problems.Add($"its last parameter ('{all[^1].Name}') is an out int for errno, but the function was bound without BindOptions.CaptureErrno = true; bind with it, or drop the parameter.");
        }

        var parameters = errnoOut ? all[..^1] : all;
        if (parameters.Length != plan.Parameters.Count)
        {
            problems.Add($"it takes {parameters.Length} parameter(s); the C function takes {plan.Parameters.Count}.");
        }

        var strategies = new ArgumentStrategy[parameters.Length];
        for (int i = 0; i < Math.Min(parameters.Length, plan.Parameters.Count); i++)
        {
            var type = parameters[i].ParameterType;
            var value = plan.Parameters[i];
            if (type.IsByRef)
            {
                problems.Add($"parameter {i + 1} ('{parameters[i].Name}') is by reference; pass a pointer type (NativeBuffer, an array, Span<T>) instead.");
                continue;
            }

            if (value.Kind == ValueKind.Record)
            {
                if (RecordProblem(value, type) is { } problem)
                {
                    problems.Add($"parameter {i + 1} ('{parameters[i].Name}'): {problem}");
                }

                strategies[i] = ArgumentStrategy.Direct;
                continue;
            }

            if (plan.VariadicFrom is { } from && i >= from && VariadicArguments.IsPromoted(type))
            {
                strategies[i] = ArgumentStrategy.Promote;
            }
            else if (ArgumentFor(value, type) is { } strategy)
            {
                strategies[i] = strategy;
            }
            else
            {
                problems.Add($"parameter {i + 1} ('{parameters[i].Name}') is {type.Name}, but C '{value.Type.Description}' needs {TypedExpected(value)}.");
            }
        }

        var result = ResultFor(plan.Return, invoke.ReturnType);
        if (plan.Return.Kind == ValueKind.Record && RecordProblem(plan.Return, invoke.ReturnType) is { } returned)
        {
            problems.Add("the return value: " + returned);
        }
        else if (result is null)
        {
            problems.Add($"it returns {invoke.ReturnType.Name}, but C '{plan.Return.Type.Description}' returns {TypedReturnExpected(plan.Return)}.");
        }

        if (problems.Count > 0)
        {
            throw new NativeBindingException(plan.Signature.Name, [BindingErrors.DelegateMismatch(plan.Signature, delegateType, problems)]);
        }

        return new DelegateShape([.. all.Select(p => p.ParameterType)], strategies, invoke.ReturnType, result!.Value, errnoOut);
    }

    /// <summary>
    /// Whether a delegate's <paramref name="parameters"/> are one more than the C function's <paramref name="count"/>,
    /// an <c>out int</c> last: the caller's own place for errno, written with a plain store (no thread-local, unlike
    /// <see cref="NativeFunction.LastErrno"/>).
    /// </summary>
    internal static bool HasErrnoOut(System.Reflection.ParameterInfo[] parameters, int count) =>
        parameters.Length == count + 1
        && parameters[^1] is { IsOut: true } last && last.ParameterType == typeof(int).MakeByRefType();

    private static ArgumentStrategy? ArgumentFor(ValuePlan plan, Type type)
    {
        if (!plan.IsPointerLike)
        {
            return ScalarMatches(plan, type) ? ArgumentStrategy.Direct : null;
        }

        if (type == typeof(nint) || type == typeof(nuint))
        {
            return ArgumentStrategy.Direct;
        }

        if (plan.Kind == ValueKind.FunctionPointer)
        {
            return type == typeof(NativeCallback) ? ArgumentStrategy.Callback
                : type == typeof(NativePointer) ? ArgumentStrategy.Pointer
                : null;
        }

        if (type == typeof(NativeBuffer))
        {
            return ArgumentStrategy.Buffer;
        }

        if (type == typeof(NativePointer))
        {
            return ArgumentStrategy.Pointer;
        }

        if (type == typeof(string))
        {
            return NativeText.AcceptsString(plan) ? ArgumentStrategy.Utf8String : null;
        }

        if (type.IsArray && type.GetArrayRank() == 1 && ElementMatches(plan, type.GetElementType()!))
        {
            return ArgumentStrategy.Array;
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Span<>) || type.GetGenericTypeDefinition() == typeof(ReadOnlySpan<>))
            && ElementMatches(plan, type.GetGenericArguments()[0]))
        {
            return ArgumentStrategy.Span;
        }

        return null;
    }

    private static bool ElementMatches(ValuePlan plan, Type element)
    {
        if (!element.IsValueType || element.IsGenericType)
        {
            return false;
        }

        if (plan.Kind == ValueKind.PointerTable)
        {
            return element == typeof(nint) || element == typeof(nuint);
        }

        if (plan.PointeeElementType is { } expected)
        {
            return ValuePlan.ElementMatches(expected, element);
        }

        // void*, struct and opaque pointees: any unmanaged element type (checked by IsValueType + no references).
        return element.IsPrimitive || element.IsValueType;
    }

    private static bool ScalarMatches(ValuePlan plan, Type type)
    {
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }

        return plan.Kind switch
        {
            ValueKind.Bool => type == typeof(bool),
            ValueKind.IntPtr => type == typeof(nint) || type == typeof(long),
            ValueKind.UIntPtr => type == typeof(nuint) || type == typeof(ulong),
            _ => type == plan.AbiType,
        };
    }

    /// <summary>Why <paramref name="type"/> cannot carry the record of <paramref name="plan"/>, or <see langword="null"/>: the layout check.</summary>
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static string? RecordProblem(ValuePlan plan, Type type) =>
        type.IsValueType && !type.IsPrimitive && !type.IsEnum && !type.IsGenericType
            ? LayoutCheck.Problem(type, plan.Layout!)
            : $"it is {type.Name}, but C '{plan.Type.Spelling}' passes by value: use a C# struct laid out as '{plan.Layout!.Name}' ({plan.Layout.Size} bytes), or call through Invoke with a NativeStruct.";

    private static ResultStrategy? ResultFor(ValuePlan plan, Type type)
    {
        if (plan.Kind == ValueKind.Record)
        {
            return ResultStrategy.Direct;
        }

        if (plan.Kind == ValueKind.Void)
        {
            return type == typeof(void) ? ResultStrategy.Direct : null;
        }

        if (plan.Frees is not null)
        {
            // A raw pointer would drop the duty to free it.
            return type == typeof(OwnedNativePointer) ? ResultStrategy.Owned
                : type == typeof(string) && NativeText.ReturnsString(plan) ? ResultStrategy.String
                : null;
        }

        if (plan.IsPointerLike)
        {
            return type == typeof(nint) || type == typeof(nuint) ? ResultStrategy.Direct
                : type == typeof(NativePointer) ? ResultStrategy.Pointer
                : type == typeof(string) && NativeText.ReturnsString(plan) ? ResultStrategy.String
                : null;
        }

        if (plan.Kind == ValueKind.Bool)
        {
            return type == typeof(bool) ? ResultStrategy.Bool : null;
        }

        return ScalarMatches(plan, type) ? ResultStrategy.Direct : null;
    }

    private static string TypedExpected(ValuePlan plan) => plan.IsPointerLike
        ? plan.Kind == ValueKind.FunctionPointer ? "NativeCallback, NativePointer or nint"
        : $"NativeBuffer, NativePointer, nint, {(plan.PointeeElementType?.Name ?? "an unmanaged type")}[] or Span<{plan.PointeeElementType?.Name ?? "T"}>{(NativeText.AcceptsString(plan) ? ", or string" : "")}"
        : plan.Kind == ValueKind.Bool ? "bool" : plan.AbiType.Name;

    private static string TypedReturnExpected(ValuePlan plan) => plan.Kind switch
    {
        _ when plan.Frees is not null => NativeText.ReturnsString(plan) ? "OwnedNativePointer or string (an owned result)" : "OwnedNativePointer (an owned result)",
        ValueKind.Void => "void",
        ValueKind.Bool => "bool",
        _ when NativeText.ReturnsString(plan) => "string, NativePointer or nint",
        _ when plan.IsPointerLike => "NativePointer or nint",
        _ => plan.AbiType.Name,
    };
}
