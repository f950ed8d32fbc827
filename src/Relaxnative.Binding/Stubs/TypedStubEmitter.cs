using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Binding;

/// <summary>
/// Emits the typed call path: a <c>DynamicMethod</c> with exactly the delegate's signature, closed over a
/// <see cref="StubTarget"/>, that converts each argument in IL and performs one unmanaged <c>calli</c>. Scalars pass
/// straight through (no allocation, no boxing); arrays and spans are pinned by pinned locals; buffers and tied
/// pointers are pinned inside a try/finally that exists only when some parameter needs it.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Calls)]
[RequiresUnreferencedCode(CodeGeneration.Calls)]
internal static class TypedStubEmitter
{
    private const BindingFlags Static = BindingFlags.Static | BindingFlags.NonPublic;

    // Stubs are shared per (delegate type, ABI shape) and never collected: see the rule in RawInvokerEmitter.
    private static readonly ConcurrentDictionary<(Type DelegateType, string Shape), DynamicMethod> s_stubs = new();

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static Delegate Emit(CallPlan plan, Type delegateType, StubTarget target)
    {
        var shape = DelegateShape.Create(plan, delegateType);
        var method = s_stubs.GetOrAdd((delegateType, RawInvokerEmitter.ShapeKey(plan) + plan.Bounds?.Key), static (_, state) => EmitNew(state.plan, state.shape), (plan, shape));
        return method.CreateDelegate(delegateType, target);
    }

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static DynamicMethod EmitNew(CallPlan plan, DelegateShape shape)
    {
        var method = new DynamicMethod("stub_" + plan.Signature.Name, shape.ReturnType, [typeof(StubTarget), .. shape.ParameterTypes],
            typeof(TypedStubEmitter).Module, skipVisibility: true);
        var il = method.GetILGenerator();

        // The address doubles as the disposed flag: 0 once the library is closed.
        var function = il.DeclareLocal(typeof(nint));
        var live = il.DefineLabel();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, typeof(StubTarget).GetField(nameof(StubTarget.Address), BindingFlags.Instance | BindingFlags.NonPublic)!);
        il.Emit(OpCodes.Stloc, function);
        il.Emit(OpCodes.Ldloc, function);
        il.Emit(OpCodes.Brtrue, live);
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.ThrowDisposed)));

        // Never reached (the helper throws), but it tells the JIT that this block does not fall through, so it is laid
        // out after the return instead of between the check and the call.
        il.Emit(OpCodes.Ldnull);
        il.Emit(OpCodes.Throw);
        il.MarkLabel(live);

        if (plan.Bounds is { } bounds)
        {
            EmitBoundsChecks(il, shape, bounds);
        }

        var cleanupLocals = new LocalBuilder?[shape.Arguments.Length];
        for (int i = 0; i < shape.Arguments.Length; i++)
        {
            cleanupLocals[i] = shape.Arguments[i] switch
            {
                ArgumentStrategy.Buffer or ArgumentStrategy.Pointer => il.DeclareLocal(typeof(NativeBuffer)),
                ArgumentStrategy.Utf8String => il.DeclareLocal(typeof(nint)),
                _ => null,
            };
        }

        // Pinned arguments: the thread's cell (fetched by the first pin, shared by the rest) and, per argument, whether
        // its buffer was leased rather than pinned.
        var pins = new PinLocals(
            shape.Arguments.Any(a => a is ArgumentStrategy.Buffer or ArgumentStrategy.Pointer) ? il.DeclareLocal(typeof(ThreadCell)) : null,
            [.. shape.Arguments.Select(a => a is ArgumentStrategy.Buffer or ArgumentStrategy.Pointer ? il.DeclareLocal(typeof(bool)) : null)]);

        LocalBuilder? result = shape.ReturnType == typeof(void) ? null : il.DeclareLocal(shape.ReturnType);
        bool guarded = shape.NeedsCleanup;
        if (guarded)
        {
            il.BeginExceptionBlock();
        }

        // A record travels as the caller's own struct (its layout was checked against the C one).
        var abiTypes = plan.Parameters.Any(p => p.Kind == ValueKind.Record) || plan.Return.Kind == ValueKind.Record
            ? ([.. plan.Parameters.Select((p, i) => p.Kind == ValueKind.Record ? shape.ParameterTypes[i] : p.AbiType)],
                plan.Return.Kind == ValueKind.Record ? shape.ReturnType : plan.Return.AbiType)
            : ((Type[], Type)?)null;
        NativeCallEmitter.Emit(il, plan,
            pushArgument: i => EmitArgument(il, shape, i, cleanupLocals[i], pins),
            pushFunction: () => il.Emit(OpCodes.Ldloc, function),
            abiTypes,
            errnoArgument: shape.ErrnoOut ? (short)shape.ParameterTypes.Length : null);
        EmitResult(il, shape.Result);
        if (result is not null)
        {
            il.Emit(OpCodes.Stloc, result);
        }

        if (guarded)
        {
            il.BeginFinallyBlock();
            for (int i = 0; i < cleanupLocals.Length; i++)
            {
                if (cleanupLocals[i] is not { } local)
                {
                    continue;
                }

                il.Emit(OpCodes.Ldloc, local);
                if (shape.Arguments[i] == ArgumentStrategy.Utf8String)
                {
                    il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.FreeTemp)));
                }
                else
                {
                    il.Emit(OpCodes.Ldloc, pins.Cell!);
                    il.Emit(OpCodes.Ldloc, pins.Leased[i]!);
                    il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.Unpin)));
                }
            }

            il.EndExceptionBlock();
        }

        if (result is not null)
        {
            il.Emit(OpCodes.Ldloc, result);
        }

        il.Emit(OpCodes.Ret);
        return method;
    }

    private static void EmitArgument(ILGenerator il, DelegateShape shape, int index, LocalBuilder? cleanup, PinLocals pins)
    {
        short argument = (short)(index + 1);
        var type = shape.ParameterTypes[index];
        // Helpers that may throw an argument error take the target and the index, to name the parameter.
        switch (shape.Arguments[index])
        {
            case ArgumentStrategy.Direct:
                il.Emit(OpCodes.Ldarg, argument);
                break;
            case ArgumentStrategy.Promote:
                // Smaller integers and bool are already int32 on the evaluation stack; only float needs widening.
                il.Emit(OpCodes.Ldarg, argument);
                if (type == typeof(float))
                {
                    il.Emit(OpCodes.Conv_R8);
                }

                break;
            case ArgumentStrategy.Buffer:
                // Pin first, then record the buffer for the unpin: a failed pin leaves nothing to undo.
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Ldloca, pins.Cell!);
                il.Emit(OpCodes.Ldloca, pins.Leased[index]!);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.Pin)));
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Stloc, cleanup!);
                break;
            case ArgumentStrategy.Pointer:
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, index);
                il.Emit(OpCodes.Ldloca, pins.Cell!);
                il.Emit(OpCodes.Ldloca, pins.Leased[index]!);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.PinPointer)));
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.OwnerOf)));
                il.Emit(OpCodes.Stloc, cleanup!);
                break;
            case ArgumentStrategy.Callback:
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, index);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.CallbackPointer)));
                break;
            case ArgumentStrategy.Array:
            {
                var element = type.GetElementType()!;
                var pinned = il.DeclareLocal(element.MakeByRefType(), pinned: true);
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.ArrayRef)).MakeGenericMethod(element));
                il.Emit(OpCodes.Stloc, pinned);
                il.Emit(OpCodes.Ldloc, pinned);
                il.Emit(OpCodes.Conv_U);
                break;
            }

            case ArgumentStrategy.Span:
            {
                var element = type.GetGenericArguments()[0];
                var pinned = il.DeclareLocal(element.MakeByRefType(), pinned: true);
                il.Emit(OpCodes.Ldarga, argument);
                il.Emit(OpCodes.Call, type.GetMethod("GetPinnableReference")!);
                il.Emit(OpCodes.Stloc, pinned);
                il.Emit(OpCodes.Ldloc, pinned);
                il.Emit(OpCodes.Conv_U);
                break;
            }

            case ArgumentStrategy.Utf8String:
                il.Emit(OpCodes.Ldarg, argument);
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, index);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.Utf8Argument)));
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Stloc, cleanup!);
                break;
        }
    }

    /// <summary>
    /// Before any argument is converted: each buffer's byte size (-1 when unknown) and its count, checked by
    /// <see cref="StubHelpers.CheckBounds"/>. Emitted only for functions with pairs, so the rest run the same code as before.
    /// </summary>
    private static void EmitBoundsChecks(ILGenerator il, DelegateShape shape, BoundsCheck bounds)
    {
        int index = 0;
        foreach (var (buffer, count) in bounds.Indices)
        {
            int pair = index++;
            var countType = shape.ParameterTypes[count].IsEnum ? Enum.GetUnderlyingType(shape.ParameterTypes[count]) : shape.ParameterTypes[count];
            if (shape.Arguments[count] != ArgumentStrategy.Direct || !countType.IsPrimitive || countType == typeof(bool)
                || countType == typeof(float) || countType == typeof(double))
            {
                continue;
            }

            var bufferType = shape.ParameterTypes[buffer];
            short bufferArgument = (short)(buffer + 1);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, pair);
            switch (shape.Arguments[buffer])
            {
                case ArgumentStrategy.Buffer:
                case ArgumentStrategy.Pointer:
                case ArgumentStrategy.Array:
                case ArgumentStrategy.Utf8String:
                    il.Emit(OpCodes.Ldarg, bufferArgument);
                    il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.CapacityOf)));
                    break;
                case ArgumentStrategy.Span:
                    il.Emit(OpCodes.Ldarga, bufferArgument);
                    il.Emit(OpCodes.Call, bufferType.GetProperty("Length")!.GetGetMethod()!);
                    il.Emit(OpCodes.Conv_I8);
                    il.Emit(OpCodes.Sizeof, bufferType.GetGenericArguments()[0]);
                    il.Emit(OpCodes.Conv_I8);
                    il.Emit(OpCodes.Mul);
                    break;
                default:
                    il.Emit(OpCodes.Ldc_I8, -1L); // an nint: its size is not known
                    break;
            }

            il.Emit(OpCodes.Ldarg, (short)(count + 1));
            bool signed = countType == typeof(sbyte) || countType == typeof(short) || countType == typeof(int) || countType == typeof(long) || countType == typeof(nint);
            il.Emit(signed ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
            il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.CheckBounds)));
        }
    }

    private static void EmitResult(ILGenerator il, ResultStrategy result)
    {
        switch (result)
        {
            case ResultStrategy.Bool:
                il.Emit(OpCodes.Ldc_I4_0);
                il.Emit(OpCodes.Cgt_Un);
                break;
            case ResultStrategy.Pointer:
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.ToPointer)));
                break;
            case ResultStrategy.Owned:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.ToOwned)));
                break;
            case ResultStrategy.String:
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Call, Helper(nameof(StubHelpers.ToText)));
                break;
        }
    }

    private static MethodInfo Helper(string name) => typeof(StubHelpers).GetMethod(name, Static)!;

    /// <summary>The locals of a stub's pins: the thread's cell, and per argument whether it was leased (null when not pinned).</summary>
    private sealed record PinLocals(LocalBuilder? Cell, LocalBuilder?[] Leased);
}
