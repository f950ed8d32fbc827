using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Binding;

/// <summary>
/// The whole untyped call of one function: each boxed argument read into its ABI type, buffers pinned, the native
/// call, buffers unpinned, and the result boxed. The caller has checked the argument count, the declared bounds and
/// that the library is open.
/// </summary>
/// <param name="function">The function called; conversions that fail name it, and non-scalar results read its plan.</param>
/// <param name="address">The native function's address.</param>
/// <param name="args">The arguments, exactly one per parameter.</param>
/// <returns>The boxed result, as <see cref="ReturnConverter.ToObject"/> gives it.</returns>
internal delegate object? UntypedCall(NativeFunction function, nint address, ReadOnlySpan<object?> args);

/// <summary>
/// Emits, per shape, an <see cref="UntypedCall"/>: one <c>DynamicMethod</c> that converts, calls and boxes, for
/// functions whose parameters are scalars and plain pointers. Why it exists beside <see cref="RawInvokerEmitter"/>:
/// the slot path converts in one frame and calls in another (the invoker's), so every call paid a second frame, a
/// delegate call and a second native-call frame set-up. Here the conversions, the call and the boxing share one
/// frame, as in a typed stub.
/// <para>
/// What each pointer parameter takes here: <see langword="null"/>, an <see cref="nint"/> address, a
/// <see cref="NativeBuffer"/> (at most two per call, pinned like the slot path pins them) and an array of a fitting
/// element type (pinned by a pinned local). Any other argument (a string, a <see cref="NativePointer"/>, memory, a third
/// buffer) sends the call, before anything is pinned, to the slot path, which handles every argument.
/// </para>
/// The frame follows the untyped path's rule: no <c>stackalloc</c> and no exception handling around the call; a pin
/// that fails undoes the one before it in its helper.
/// </summary>
internal static class UntypedCallEmitter
{
    private const BindingFlags Internal = BindingFlags.Static | BindingFlags.NonPublic;

    // Kept for the life of the process, like the invokers, and for the same correctness rule (see RawInvokerEmitter).
    private static readonly ConcurrentDictionary<string, UntypedCall> s_calls = new();
    private static readonly object s_target = new();

    /// <summary>Whether <paramref name="plan"/> can take an emitted untyped call: scalars and plain pointers only, no variadic or record parts.</summary>
    internal static bool Fits(CallPlan plan)
    {
        if (plan.VariadicFrom is not null || plan.Return.Kind == ValueKind.Record)
        {
            return false;
        }

        // Run for every function a load binds: an indexed loop, no enumerator.
        var parameters = plan.Parameters;
        for (int i = 0; i < parameters.Count; i++)
        {
            if (!ArgumentConverter.IsScalar(parameters[i].Kind) && !IsPlainPointer(parameters[i].Kind))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPlainPointer(ValueKind kind) => kind is ValueKind.Pointer or ValueKind.CharPointer;

    /// <summary>The untyped call for <paramref name="plan"/>'s shape: emitted on first use of the shape, then shared.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static UntypedCall Emit(CallPlan plan)
    {
        // The kinds decide the unboxing and the boxing beyond the ABI types (bool and byte share one).
        string key = RawInvokerEmitter.ShapeKey(plan) + ":" + plan.Return.Kind + "(" + string.Join(",", plan.Parameters.Select(p => p.Kind)) + ")";
        return s_calls.GetOrAdd(key, static (_, p) => EmitNew(p), plan);
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static UntypedCall EmitNew(CallPlan plan)
    {
        // Closed over an unused target, as the invokers are: a closed delegate skips the shuffle thunk.
        var method = new DynamicMethod("call_" + plan.Signature.Name, typeof(object),
            [typeof(object), typeof(NativeFunction), typeof(nint), typeof(ReadOnlySpan<object?>)],
            typeof(UntypedCallEmitter).Module, skipVisibility: true);
        var il = new Locals(method.GetILGenerator(), plan);
        for (int i = 0; i < plan.Parameters.Count; i++)
        {
            il.LoadArgument(i);
            if (IsPlainPointer(plan.Parameters[i].Kind))
            {
                EmitPointer(il, i);
            }
            else
            {
                EmitScalar(il, plan.Parameters[i], i);
            }
        }

        if (il.Buffers is { } buffers)
        {
            for (int i = 0; i < plan.Parameters.Count; i++)
            {
                if (IsPlainPointer(plan.Parameters[i].Kind))
                {
                    EmitPin(il, buffers, i);
                }
            }
        }

        var g = il.Generator;
        NativeCallEmitter.Emit(g, plan, pushArgument: i => g.Emit(OpCodes.Ldloc, il.Arguments[i]), pushFunction: () => g.Emit(OpCodes.Ldarg_2));
        if (il.Buffers is { } pinned)
        {
            // The second buffer first, as the slot path ends them; Unpin does nothing for a buffer never pinned.
            foreach (var (buffer, leased) in new[] { (pinned.Second, pinned.SecondLeased), (pinned.First, pinned.FirstLeased) })
            {
                g.Emit(OpCodes.Ldloc, buffer);
                g.Emit(OpCodes.Ldloc, pinned.Cell);
                g.Emit(OpCodes.Ldloc, leased);
                g.Emit(OpCodes.Call, typeof(StubHelpers).GetMethod(nameof(StubHelpers.Unpin), Internal)!);
            }
        }

        EmitResult(g, plan.Return);
        g.Emit(OpCodes.Ret);
        if (il.Buffers is not null)
        {
            il.EmitFallback();
        }

        return method.CreateDelegate<UntypedCall>(s_target);
    }

    /// <summary>The scalar on the stack into its argument local: unboxed when it is boxed as its C type's .NET type, else converted.</summary>
    private static void EmitScalar(Locals il, ValuePlan parameter, int index)
    {
        var g = il.Generator;
        var convert = g.DefineLabel();
        var done = g.DefineLabel();
        // Bool travels as a byte but is boxed as bool; every other scalar is boxed as its ABI type.
        EmitUnbox(il, parameter.Kind == ValueKind.Bool ? typeof(bool) : parameter.AbiType, index, otherwise: convert, done);

        g.MarkLabel(convert);
        EmitHelperCall(il, index, typeof(NativeFunction).GetMethod(nameof(NativeFunction.ScalarArgument), Internal)!);
        var type = parameter.AbiType;
        if (type == typeof(float))
        {
            g.Emit(OpCodes.Conv_U4);
            g.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.UInt32BitsToSingle))!);
        }
        else if (type == typeof(double))
        {
            g.Emit(OpCodes.Call, typeof(BitConverter).GetMethod(nameof(BitConverter.UInt64BitsToDouble))!);
        }
        else
        {
            NativeCallEmitter.EmitNarrow(g, type);
        }

        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.MarkLabel(done);
    }

    /// <summary>
    /// A pointer argument: null and addresses go into the argument local, an array of a fitting type is pinned there,
    /// a buffer is kept for <see cref="EmitPin"/>; anything else, or a third buffer, takes the fallback.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static void EmitPointer(Locals il, int index)
    {
        var g = il.Generator;
        var notNull = g.DefineLabel();
        var notAddress = g.DefineLabel();
        var notBuffer = g.DefineLabel();
        var done = g.DefineLabel();

        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Brtrue, notNull);
        g.Emit(OpCodes.Ldc_I4_0);
        g.Emit(OpCodes.Conv_I);
        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.Emit(OpCodes.Br, done);

        g.MarkLabel(notNull);
        EmitUnbox(il, typeof(nint), index, otherwise: notAddress, done);

        g.MarkLabel(notAddress);
        var buffers = il.Buffers!;
        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Isinst, typeof(NativeBuffer));
        g.Emit(OpCodes.Brfalse, notBuffer);
        // Counted now, pinned after every argument is read: a refusal or a fallback leaves nothing to undo.
        g.Emit(OpCodes.Ldloc, buffers.Count);
        g.Emit(OpCodes.Ldc_I4_1);
        g.Emit(OpCodes.Add);
        g.Emit(OpCodes.Dup);
        g.Emit(OpCodes.Stloc, buffers.Count);
        g.Emit(OpCodes.Ldc_I4_2);
        g.Emit(OpCodes.Bgt, il.Fallback);
        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Castclass, typeof(NativeBuffer));
        g.Emit(OpCodes.Stloc, buffers.Candidates[index]!);
        g.Emit(OpCodes.Br, done);

        g.MarkLabel(notBuffer);
        EmitHelperCall(il, index, typeof(NativeFunction).GetMethod(nameof(NativeFunction.FittingArray), Internal)!);
        g.Emit(OpCodes.Dup);
        g.Emit(OpCodes.Stloc, il.Array);
        g.Emit(OpCodes.Brfalse, il.Fallback);
        // A pinned local: the array stays where it is until the method returns, without a handle.
        g.Emit(OpCodes.Ldloc, il.Array);
        g.Emit(OpCodes.Call, typeof(MemoryMarshal).GetMethod(nameof(MemoryMarshal.GetArrayDataReference), [typeof(Array)])!);
        g.Emit(OpCodes.Stloc, il.PinnedArrays[index]!);
        g.Emit(OpCodes.Ldloc, il.PinnedArrays[index]!);
        g.Emit(OpCodes.Conv_U);
        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.MarkLabel(done);
    }

    /// <summary>When the argument is boxed as <paramref name="boxed"/>, unboxes it into argument <paramref name="index"/> and goes to <paramref name="done"/>; otherwise goes to <paramref name="otherwise"/>.</summary>
    private static void EmitUnbox(Locals il, Type boxed, int index, Label otherwise, Label done)
    {
        var g = il.Generator;
        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Isinst, boxed);
        g.Emit(OpCodes.Brfalse, otherwise);
        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Unbox_Any, boxed);
        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.Emit(OpCodes.Br, done);
    }

    /// <summary>Calls <paramref name="helper"/> (a static method of <see cref="NativeFunction"/>) with the function, the argument's index and the argument.</summary>
    private static void EmitHelperCall(Locals il, int index, MethodInfo helper)
    {
        var g = il.Generator;
        g.Emit(OpCodes.Ldarg_1);
        g.Emit(OpCodes.Ldc_I4, index);
        g.Emit(OpCodes.Ldloc, il.Value);
        g.Emit(OpCodes.Call, helper);
    }

    /// <summary>Pins parameter <paramref name="index"/>'s buffer, if it has one: the first of the call, or the second, whose failed pin undoes the first.</summary>
    private static void EmitPin(Locals il, BufferLocals buffers, int index)
    {
        var g = il.Generator;
        var skip = g.DefineLabel();
        var second = g.DefineLabel();
        var candidate = buffers.Candidates[index]!;
        g.Emit(OpCodes.Ldloc, candidate);
        g.Emit(OpCodes.Brfalse, skip);
        g.Emit(OpCodes.Ldloc, buffers.First);
        g.Emit(OpCodes.Brtrue, second);

        g.Emit(OpCodes.Ldloc, candidate);
        g.Emit(OpCodes.Ldloca, buffers.Cell);
        g.Emit(OpCodes.Ldloca, buffers.FirstLeased);
        g.Emit(OpCodes.Call, typeof(StubHelpers).GetMethod(nameof(StubHelpers.Pin), Internal)!);
        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.Emit(OpCodes.Ldloc, candidate);
        g.Emit(OpCodes.Stloc, buffers.First);
        g.Emit(OpCodes.Br, skip);

        g.MarkLabel(second);
        g.Emit(OpCodes.Ldloc, candidate);
        g.Emit(OpCodes.Ldloc, buffers.First);
        g.Emit(OpCodes.Ldloca, buffers.Cell);
        g.Emit(OpCodes.Ldloc, buffers.FirstLeased);
        g.Emit(OpCodes.Ldloca, buffers.SecondLeased);
        g.Emit(OpCodes.Call, typeof(NativeFunction).GetMethod(nameof(NativeFunction.PinSecond), Internal)!);
        g.Emit(OpCodes.Stloc, il.Arguments[index]);
        g.Emit(OpCodes.Ldloc, candidate);
        g.Emit(OpCodes.Stloc, buffers.Second);
        g.MarkLabel(skip);
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

    /// <summary>The locals and labels of one emitted call.</summary>
    private sealed class Locals
    {
        public Locals(ILGenerator generator, CallPlan plan)
        {
            Generator = generator;
            Value = generator.DeclareLocal(typeof(object));
            Arguments = [.. plan.Parameters.Select(p => generator.DeclareLocal(p.AbiType))];
            Fallback = generator.DefineLabel();
            if (plan.Parameters.Any(p => IsPlainPointer(p.Kind)))
            {
                Array = generator.DeclareLocal(typeof(Array));
                PinnedArrays = [.. plan.Parameters.Select(p => IsPlainPointer(p.Kind) ? generator.DeclareLocal(typeof(byte).MakeByRefType(), pinned: true) : null)];
                Buffers = new BufferLocals(generator, plan);
            }
            else
            {
                Array = null!;
                PinnedArrays = [];
            }
        }

        public ILGenerator Generator { get; }

        /// <summary>The argument being read, as passed.</summary>
        public LocalBuilder Value { get; }

        /// <summary>Per parameter, the value passed to the native call, in its ABI type.</summary>
        public LocalBuilder[] Arguments { get; }

        /// <summary>Where an argument this method does not take sends the call: the slot path, before anything is pinned.</summary>
        public Label Fallback { get; }

        public LocalBuilder Array { get; }

        /// <summary>Per pointer parameter, the pinned reference to an array's data.</summary>
        public LocalBuilder?[] PinnedArrays { get; }

        /// <summary>The buffer locals, when the function has a pointer parameter.</summary>
        public BufferLocals? Buffers { get; }

        /// <summary>Reads argument <paramref name="index"/> from the span into <see cref="Value"/>.</summary>
        public void LoadArgument(int index)
        {
            Generator.Emit(OpCodes.Ldarga_S, (byte)3);
            Generator.Emit(OpCodes.Ldc_I4, index);
            Generator.Emit(OpCodes.Call, typeof(ReadOnlySpan<object?>).GetProperty("Item")!.GetGetMethod()!);
            Generator.Emit(OpCodes.Ldind_Ref);
            Generator.Emit(OpCodes.Stloc, Value);
        }

        /// <summary>The fallback block, after the method's return.</summary>
        [RequiresDynamicCode(CodeGeneration.Calls)]
        [RequiresUnreferencedCode(CodeGeneration.Calls)]
        public void EmitFallback()
        {
            Generator.MarkLabel(Fallback);
            Generator.Emit(OpCodes.Ldarg_1);
            Generator.Emit(OpCodes.Ldarg_3);
            Generator.Emit(OpCodes.Call, typeof(NativeFunction).GetMethod(nameof(NativeFunction.CallThroughSlots), Internal)!);
            Generator.Emit(OpCodes.Ret);
        }
    }

    /// <summary>The buffers of one call: per pointer parameter the buffer passed, then the (at most two) pinned, the thread's cell and whether each was leased.</summary>
    private sealed class BufferLocals(ILGenerator generator, CallPlan plan)
    {
        public LocalBuilder Count { get; } = generator.DeclareLocal(typeof(int));

        public LocalBuilder?[] Candidates { get; } =
            [.. plan.Parameters.Select(p => IsPlainPointer(p.Kind) ? generator.DeclareLocal(typeof(NativeBuffer)) : null)];

        public LocalBuilder First { get; } = generator.DeclareLocal(typeof(NativeBuffer));

        public LocalBuilder Second { get; } = generator.DeclareLocal(typeof(NativeBuffer));

        public LocalBuilder FirstLeased { get; } = generator.DeclareLocal(typeof(bool));

        public LocalBuilder SecondLeased { get; } = generator.DeclareLocal(typeof(bool));

        public LocalBuilder Cell { get; } = generator.DeclareLocal(typeof(ThreadCell));
    }
}
