using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;

namespace Relaxnative.Binding;

/// <summary>
/// The whole untyped call of a function whose parameters are all scalars (bool, integers, floating point): each boxed
/// argument unboxed (or converted by <see cref="NativeFunction.ScalarArgument"/>), the native call, and the result
/// boxed. The caller has checked the argument count and that the library is open.
/// </summary>
/// <param name="function">The function called; conversions that fail name it, and non-scalar results read its plan.</param>
/// <param name="address">The native function's address.</param>
/// <param name="args">The arguments, exactly one per parameter.</param>
/// <returns>The boxed result, as <see cref="ReturnConverter.ToObject"/> gives it.</returns>
internal delegate object? ScalarCall(NativeFunction function, nint address, ReadOnlySpan<object?> args);

/// <summary>
/// Emits, per shape, a <see cref="ScalarCall"/>: one <c>DynamicMethod</c> that unboxes, calls and boxes. Why it exists
/// beside <see cref="RawInvokerEmitter"/>: the slot path converts in one frame and calls in another (the invoker's),
/// so every call paid a second frame, a delegate call and a second native-call frame set-up. For scalar signatures
/// nothing needs pinning or undoing, so the conversion, the call and the boxing fit one emitted frame, as in a typed stub.
/// </summary>
internal static class ScalarCallEmitter
{
    private const BindingFlags Internal = BindingFlags.Static | BindingFlags.NonPublic;

    // Kept for the life of the process, like the invokers, and for the same correctness rule (see RawInvokerEmitter).
    private static readonly ConcurrentDictionary<string, ScalarCall> s_calls = new();
    private static readonly object s_target = new();

    /// <summary>Whether <paramref name="plan"/> can take a scalar call: every parameter a scalar, and no variadic or record parts.</summary>
    internal static bool Fits(CallPlan plan) =>
        plan.VariadicFrom is null
        && plan.Return.Kind != ValueKind.Record
        && plan.Parameters.All(p => ArgumentConverter.IsScalar(p.Kind));

    /// <summary>The scalar call for <paramref name="plan"/>'s shape: emitted on first use of the shape, then shared.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static ScalarCall Emit(CallPlan plan)
    {
        // The kinds decide the unboxing and the boxing beyond the ABI types (bool and byte share one).
        string key = RawInvokerEmitter.ShapeKey(plan) + ":" + plan.Return.Kind + "(" + string.Join(",", plan.Parameters.Select(p => p.Kind)) + ")";
        return s_calls.GetOrAdd(key, static (_, p) => EmitNew(p), plan);
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static ScalarCall EmitNew(CallPlan plan)
    {
        // Closed over an unused target, as the invokers are: a closed delegate skips the shuffle thunk.
        var method = new DynamicMethod("call_" + plan.Signature.Name, typeof(object),
            [typeof(object), typeof(NativeFunction), typeof(nint), typeof(ReadOnlySpan<object?>)],
            typeof(ScalarCallEmitter).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        var arguments = new LocalBuilder[plan.Parameters.Count];
        var value = il.DeclareLocal(typeof(object));
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = il.DeclareLocal(plan.Parameters[i].AbiType);
            EmitArgument(il, plan.Parameters[i], i, value, arguments[i]);
        }

        NativeCallEmitter.Emit(il, plan, pushArgument: i => il.Emit(OpCodes.Ldloc, arguments[i]), pushFunction: () => il.Emit(OpCodes.Ldarg_2));
        EmitResult(il, plan.Return);
        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<ScalarCall>(s_target);
    }

    /// <summary>Argument <paramref name="index"/> into <paramref name="argument"/>: unboxed when it is boxed as its C type's .NET type, else converted.</summary>
    private static void EmitArgument(ILGenerator il, ValuePlan parameter, int index, LocalBuilder value, LocalBuilder argument)
    {
        il.Emit(OpCodes.Ldarga_S, (byte)3);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Call, typeof(ReadOnlySpan<object?>).GetProperty("Item")!.GetGetMethod()!);
        il.Emit(OpCodes.Ldind_Ref);
        il.Emit(OpCodes.Stloc, value);

        var convert = il.DefineLabel();
        var done = il.DefineLabel();
        // Bool travels as a byte but is boxed as bool; every other scalar is boxed as its ABI type.
        var boxed = parameter.Kind == ValueKind.Bool ? typeof(bool) : parameter.AbiType;
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Isinst, boxed);
        il.Emit(OpCodes.Brfalse, convert);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Unbox_Any, boxed);
        il.Emit(OpCodes.Stloc, argument);
        il.Emit(OpCodes.Br, done);

        il.MarkLabel(convert);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Ldc_I4, index);
        il.Emit(OpCodes.Ldloc, value);
        il.Emit(OpCodes.Call, typeof(NativeFunction).GetMethod(nameof(NativeFunction.ScalarArgument), Internal)!);
        var type = parameter.AbiType;
        if (type == typeof(float))
        {
            il.Emit(OpCodes.Conv_U4);
            il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.UInt32BitsToSingle))!);
        }
        else if (type == typeof(double))
        {
            il.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.UInt64BitsToDouble))!);
        }
        else
        {
            NativeCallEmitter.EmitNarrow(il, type);
        }

        il.Emit(OpCodes.Stloc, argument);
        il.MarkLabel(done);
    }

    /// <summary>The result on the stack, boxed as <see cref="ReturnConverter.ToObject"/> boxes it.</summary>
    private static void EmitResult(ILGenerator il, ValuePlan result)
    {
        if (result.Kind == ValueKind.Void)
        {
            il.Emit(OpCodes.Ldnull);
            return;
        }

        var type = result.AbiType;
        if (type != typeof(float) && type != typeof(double))
        {
            // Only the low bytes of the return register are defined for narrow C types.
            NativeCallEmitter.EmitNarrow(il, type);
        }

        if (result.Kind == ValueKind.Int32)
        {
            il.Emit(OpCodes.Call, typeof(ReturnConverter).GetMethod(nameof(ReturnConverter.BoxedInt32), Internal)!);
        }
        else if (result.Kind == ValueKind.Bool)
        {
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Cgt_Un);
            il.Emit(OpCodes.Box, typeof(bool));
        }
        else if (ArgumentConverter.IsScalar(result.Kind))
        {
            il.Emit(OpCodes.Box, type);
        }
        else
        {
            // Pointers, strings and owned results: their conversion depends on options read from the function's plan.
            il.Emit(OpCodes.Conv_U8);
            var address = il.DeclareLocal(typeof(ulong));
            il.Emit(OpCodes.Stloc, address);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldloc, address);
            il.Emit(OpCodes.Call, typeof(NativeFunction).GetMethod(nameof(NativeFunction.PointerResult), Internal)!);
        }
    }
}
