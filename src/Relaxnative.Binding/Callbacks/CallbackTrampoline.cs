using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;

namespace Relaxnative.Binding;

/// <summary>
/// The managed side of a callback: converts the native arguments to the delegate's parameter types, calls it,
/// converts the result back, and parks any exception so it never unwinds through native frames.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Callbacks)]
[RequiresUnreferencedCode(CodeGeneration.Callbacks)]
internal sealed class CallbackTrampoline(CallPlan plan, Delegate handler, Type[] parameterTypes)
{
    private Exception? _pending;

    internal Exception? LastException { get; private set; }

    internal Exception? TakePending() => Interlocked.Exchange(ref _pending, null);

    /// <summary>Called by the emitted thunk with the boxed ABI arguments; returns the boxed ABI result.</summary>
    internal object? Dispatch(object?[] abiArguments)
    {
        try
        {
            var arguments = new object?[abiArguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = FromAbi(plan.Parameters[i], abiArguments[i], parameterTypes[i]);
            }

            return ToAbi(plan.Return, handler.DynamicInvoke(arguments));
        }
        catch (Exception e)
        {
            var actual = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            LastException = actual;
            Interlocked.CompareExchange(ref _pending, actual, null);
            return DefaultAbi(plan.Return);
        }
    }

    private static object? FromAbi(ValuePlan plan, object? value, Type wanted)
    {
        if (plan.IsPointerLike)
        {
            nint address = (nint)value!;
            if (wanted == typeof(NativePointer))
            {
                return address == 0 ? null : new NativePointer(address);
            }

            if (wanted == typeof(string) && plan.Kind == ValueKind.CharPointer)
            {
                return address == 0 ? null : new NativePointer(address).ReadCString();
            }

            return wanted == typeof(nuint) ? (nuint)address : address;
        }

        if (plan.Kind == ValueKind.Bool)
        {
            return (byte)value! != 0;
        }

        return wanted == value!.GetType() || wanted == typeof(object) ? value : Convert.ChangeType(value, wanted, CultureInfo.InvariantCulture);
    }

    private static object? ToAbi(ValuePlan plan, object? result)
    {
        if (plan.Kind == ValueKind.Void)
        {
            return null;
        }

        if (plan.IsPointerLike)
        {
            return result switch
            {
                null => (nint)0,
                NativePointer p => p.DangerousGetAddress(),
                NativeBuffer b => b.DangerousGetAddress(),
                nuint u => (nint)u,
                _ => (nint)Convert.ToInt64(result, CultureInfo.InvariantCulture),
            };
        }

        if (plan.Kind == ValueKind.Bool)
        {
            return result is true ? (byte)1 : (byte)0;
        }

        return Convert.ChangeType(result, plan.AbiType, CultureInfo.InvariantCulture);
    }

    private static object? DefaultAbi(ValuePlan plan) =>
        plan.Kind == ValueKind.Void ? null : Activator.CreateInstance(plan.AbiType);
}
