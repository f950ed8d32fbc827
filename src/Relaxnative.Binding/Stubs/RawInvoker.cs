using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// Calls <paramref name="function"/> with its arguments read from <paramref name="slots"/> (one 8-byte slot per
/// parameter, the value in the low bytes) and writes the return value into slot 0.
/// </summary>
internal unsafe delegate void RawInvoker(nint function, ulong* slots);

/// <summary>
/// Emits, per call plan, a <see cref="RawInvoker"/>: a <c>DynamicMethod</c> that loads each slot with its ABI type
/// and performs one unmanaged <c>calli</c>. The untyped path (<c>Invoke</c>, <c>dynamic</c>, the helper process)
/// converts .NET values into slots and calls it, so one emitted method serves every argument shape.
/// </summary>
internal static partial class RawInvokerEmitter
{
    // One invoker per ABI shape, kept for the life of the process. Besides saving JIT work, this is a correctness
    // rule: when a DynamicMethod containing an unmanaged calli is collected, the runtime can hand its cached call
    // signature to a later DynamicMethod whose signature blob lands at the same address, and that method then
    // calls with the wrong signature (seen as 0.0 returned from double functions; see StubCacheTests). Emitted
    // methods with unmanaged calli are therefore never allowed to become garbage.
    private static readonly ConcurrentDictionary<string, RawInvoker> s_invokers = new();
    private static readonly object s_target = new();

    /// <summary>The invoker for <paramref name="plan"/>'s ABI shape: emitted on first use of the shape, then shared.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static RawInvoker Emit(CallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return s_invokers.GetOrAdd(ShapeKey(plan), static (_, p) => EmitNew(p), plan);
    }

    /// <summary>Everything the emitted code depends on: ABI types, and whether the trivial path applies.</summary>
    internal static string ShapeKey(CallPlan plan) =>
        (plan.CaptureErrno ? "errno:" : "") + (plan.IsTrivial && NativeCallEmitter.IsTrivialShape(plan) ? "trivial:" : "") +
        plan.Return.AbiType.Name + "(" + string.Join(",", plan.Parameters.Select(p => p.AbiType.Name)) + ")";

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static RawInvoker EmitNew(CallPlan plan)
    {
        // The method takes an unused first argument so that the delegate is closed over a target: invoking a closed
        // delegate skips the shuffle thunk an open static delegate needs (CallBenchmarks.Untyped_Add).
        var method = new DynamicMethod("invoke_" + plan.Signature.Name, typeof(void), [typeof(object), typeof(nint), typeof(ulong*)],
            typeof(RawInvokerEmitter).Module, skipVisibility: true);
        var il = method.GetILGenerator();
        NativeCallEmitter.Emit(il, plan,
            pushArgument: i =>
            {
                il.Emit(OpCodes.Ldarg_2);
                if (i > 0)
                {
                    il.Emit(OpCodes.Ldc_I4, i * sizeof(ulong));
                    il.Emit(OpCodes.Conv_I);
                    il.Emit(OpCodes.Add);
                }

                if (plan.Parameters[i].Kind == ValueKind.Record)
                {
                    // A record's slot holds the address of its bytes; the value itself goes on the stack.
                    il.Emit(OpCodes.Ldind_I);
                    il.Emit(OpCodes.Ldobj, plan.Parameters[i].AbiType);
                }
                else
                {
                    IlTypes.EmitLoadIndirect(il, plan.Parameters[i].AbiType);
                }
            },
            pushFunction: () => il.Emit(OpCodes.Ldarg_1));
        if (plan.Return.Kind != ValueKind.Void)
        {
            if (plan.Return.Kind == ValueKind.Record)
            {
                // The slot after the arguments holds where the returned record goes.
                var result = il.DeclareLocal(plan.Return.AbiType);
                il.Emit(OpCodes.Stloc, result);
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldc_I4, plan.Parameters.Count * sizeof(ulong));
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ldind_I);
                il.Emit(OpCodes.Ldloc, result);
                il.Emit(OpCodes.Stobj, plan.Return.AbiType);
            }
            else
            {
                EmitStoreWholeSlot(il, plan.Return.AbiType);
            }
        }

        il.Emit(OpCodes.Ret);
        return method.CreateDelegate<RawInvoker>(s_target);
    }
}

internal static partial class RawInvokerEmitter
{
    /// <summary>
    /// Stores the result on the stack into slot 0 as a whole 8-byte word (integers widened by their signedness, a
    /// float's bits zero-extended). The caller reads the slot back as 8 bytes right after the call; a narrower store
    /// under a wider load defeats the CPU's store-to-load forwarding and stalled every untyped call.
    /// </summary>
    private static void EmitStoreWholeSlot(ILGenerator il, Type type)
    {
        var result = il.DeclareLocal(type);
        il.Emit(OpCodes.Stloc, result);
        il.Emit(OpCodes.Ldarg_2);
        if (type == typeof(float))
        {
            il.Emit(OpCodes.Ldloca, result);
            il.Emit(OpCodes.Ldind_U4);
            il.Emit(OpCodes.Conv_U8);
            il.Emit(OpCodes.Stind_I8);
        }
        else if (type == typeof(double))
        {
            il.Emit(OpCodes.Ldloc, result);
            il.Emit(OpCodes.Stind_R8);
        }
        else
        {
            // Only the low bytes of the return register are defined for narrow C types: narrow first, then widen.
            il.Emit(OpCodes.Ldloc, result);
            NativeCallEmitter.EmitNarrow(il, type);
            il.Emit(type == typeof(sbyte) || type == typeof(short) || type == typeof(int) || type == typeof(long) || type == typeof(nint)
                ? OpCodes.Conv_I8 : OpCodes.Conv_U8);
            il.Emit(OpCodes.Stind_I8);
        }
    }
}

/// <summary>IL helpers for the ABI types.</summary>
internal static class IlTypes
{
    internal static void EmitLoadIndirect(ILGenerator il, Type type) => il.Emit(
        type == typeof(sbyte) ? OpCodes.Ldind_I1
        : type == typeof(byte) ? OpCodes.Ldind_U1
        : type == typeof(short) ? OpCodes.Ldind_I2
        : type == typeof(ushort) ? OpCodes.Ldind_U2
        : type == typeof(int) ? OpCodes.Ldind_I4
        : type == typeof(uint) ? OpCodes.Ldind_U4
        : type == typeof(long) || type == typeof(ulong) ? OpCodes.Ldind_I8
        : type == typeof(float) ? OpCodes.Ldind_R4
        : type == typeof(double) ? OpCodes.Ldind_R8
        : OpCodes.Ldind_I);
}

/// <summary>
/// Emits the native call itself: an unmanaged cdecl <c>calli</c>, or for trivial plans of a supported shape a call
/// through <see cref="TrivialCalls"/> without the GC transition.
/// </summary>
internal static class NativeCallEmitter
{
    private const System.Reflection.BindingFlags Internal = System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic;

    /// <param name="il">The generator.</param>
    /// <param name="plan">The plan being called.</param>
    /// <param name="pushArgument">Pushes argument i with its ABI type.</param>
    /// <param name="pushFunction">Pushes the function pointer.</param>
    /// <returns>Whether the call skips the GC transition.</returns>
    /// <param name="abiTypes">The types of the calli signature when they differ from the plan's (a typed stub passes the caller's own struct for a record), parameters then return.</param>
    /// <param name="errnoArgument">The IL argument index of an <c>out int</c> that receives errno instead of <see cref="NativeFunction.LastErrno"/>, or <see langword="null"/>.</param>
    internal static bool Emit(ILGenerator il, CallPlan plan, Action<int> pushArgument, Action pushFunction, (Type[] Parameters, Type Return)? abiTypes = null,
        short? errnoArgument = null)
    {
        LocalBuilder? errnoSlot = errnoArgument is null ? EmitErrnoSlot(il, plan) : null;
        if (plan.IsTrivial && IsTrivialShape(plan))
        {
            pushFunction();
            for (int i = 0; i < plan.Parameters.Count; i++)
            {
                pushArgument(i);
                var type = plan.Parameters[i].AbiType;
                il.Emit(IsUnsigned(type) ? OpCodes.Conv_U8 : OpCodes.Conv_I8);
            }

            bool isVoid = plan.Return.Kind == ValueKind.Void;
            il.Emit(OpCodes.Call, typeof(TrivialCalls).GetMethod((isVoid ? "CallVoid" : "Call") + plan.Parameters.Count, Internal)!);
            EmitCaptureErrno(il, plan, errnoSlot, errnoArgument);
            if (!isVoid)
            {
                EmitNarrow(il, plan.Return.AbiType);
            }

            return true;
        }

        for (int i = 0; i < plan.Parameters.Count; i++)
        {
            pushArgument(i);
        }

        pushFunction();
        il.EmitCalli(OpCodes.Calli, CallingConvention.Cdecl, abiTypes?.Return ?? plan.Return.AbiType, abiTypes?.Parameters ?? plan.AbiParameterTypes);
        EmitCaptureErrno(il, plan, errnoSlot, errnoArgument);
        return false;
    }

    // Before the arguments are pushed: the thread-static access and the errno address lookup may themselves change
    // errno, which is harmless only before the call.
    private static LocalBuilder? EmitErrnoSlot(ILGenerator il, CallPlan plan)
    {
        if (!plan.CaptureErrno)
        {
            return null;
        }

        ErrnoCapture.EnsureReady();
        LocalBuilder slot = il.DeclareLocal(typeof(ErrnoSlot).MakeByRefType());
        il.Emit(OpCodes.Call, typeof(ErrnoCapture).GetMethod(nameof(ErrnoCapture.Slot), Internal)!);
        il.Emit(OpCodes.Stloc, slot);
        return slot;
    }

    // Directly after the call instruction, with the result still on the evaluation stack. For LastErrno: one load through
    // the address saved before the call and one store, no call. The runtime's return from a native call preserves errno
    // even when it must wait for a GC (as it does for SetLastError = true), so the value read is the callee's.
    private static void EmitCaptureErrno(ILGenerator il, CallPlan plan, LocalBuilder? errnoSlot, short? errnoArgument)
    {
        if (!plan.CaptureErrno)
        {
            return;
        }

        if (errnoArgument is { } argument)
        {
            // The caller's own out int: a plain store after the __errno_location call, no thread-static at all.
            ErrnoCapture.EnsureReady();
            il.Emit(OpCodes.Ldarg, argument);
            il.Emit(OpCodes.Call, typeof(ErrnoCapture).GetMethod(nameof(ErrnoCapture.Read), Internal)!);
            il.Emit(OpCodes.Stind_I4);
        }
        else
        {
            il.Emit(OpCodes.Ldloc, errnoSlot!);
            il.Emit(OpCodes.Call, typeof(ErrnoCapture).GetMethod(nameof(ErrnoCapture.Store), Internal)!);
        }
    }

    /// <summary>Whether the trivial fast path can express <paramref name="plan"/>: integer-class values only, at most six arguments.</summary>
    internal static bool IsTrivialShape(CallPlan plan) =>
        plan.Parameters.Count <= TrivialCalls.MaxArguments
        && plan.Parameters.All(p => p.Kind is not (ValueKind.Float or ValueKind.Double or ValueKind.Record))
        && plan.Return.Kind is not (ValueKind.Float or ValueKind.Double or ValueKind.Record);

    private static bool IsUnsigned(Type type) =>
        type == typeof(byte) || type == typeof(ushort) || type == typeof(uint) || type == typeof(ulong) || type == typeof(nuint);

    internal static void EmitNarrow(ILGenerator il, Type type)
    {
        // Only the low bytes of the return register are defined for narrow C return types.
        if (type == typeof(sbyte)) { il.Emit(OpCodes.Conv_I1); }
        else if (type == typeof(byte)) { il.Emit(OpCodes.Conv_U1); }
        else if (type == typeof(short)) { il.Emit(OpCodes.Conv_I2); }
        else if (type == typeof(ushort)) { il.Emit(OpCodes.Conv_U2); }
        else if (type == typeof(int)) { il.Emit(OpCodes.Conv_I4); }
        else if (type == typeof(uint)) { il.Emit(OpCodes.Conv_U4); }
        else if (type == typeof(nint)) { il.Emit(OpCodes.Conv_I); }
        else if (type == typeof(nuint)) { il.Emit(OpCodes.Conv_U); }
    }
}
