using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// One native-callable thunk and the managed side behind it: converts the native arguments to the handler's parameter
/// types, calls it, converts the result back, and parks any exception so it never unwinds through native frames.
/// A trampoline outlives the callback it serves: when the callback ends it is retired (native code that still calls
/// it gets a fail-fast naming the mistake, not a jump into freed code) and later recycled by <see cref="CallbackThunkPool"/>.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Callbacks)]
[RequiresUnreferencedCode(CodeGeneration.Callbacks)]
internal sealed class CallbackTrampoline
{
    private readonly Delegate _abiDelegate;
    private CallbackBinding? _binding;
    private CallbackMisuse? _misuse;

    internal CallbackTrampoline(CallbackThunkPool.Shape shape)
    {
        Shape = shape;
        _abiDelegate = shape.Thunk.CreateDelegate(shape.DelegateType, this);
        // The delegate is held by this object, which the pool never lets go of: the pointer stays callable.
        Pointer = Marshal.GetFunctionPointerForDelegate(_abiDelegate);
    }

    internal CallbackThunkPool.Shape Shape { get; }

    /// <summary>The C function pointer; the same for the trampoline's whole life.</summary>
    internal nint Pointer { get; }

    internal void Attach(CallbackBinding binding)
    {
        _misuse = null;
        Volatile.Write(ref _binding, binding);
    }

    internal void Retire(CallbackMisuse misuse)
    {
        _misuse = misuse;
        Volatile.Write(ref _binding, null);
    }

    /// <summary>Called by the emitted thunk with the boxed ABI arguments; returns the boxed ABI result.</summary>
    internal object? Dispatch(object?[] abiArguments)
    {
        var binding = Volatile.Read(ref _binding);
        if (binding is null)
        {
            // Returning a made-up value to native code that believes it called the real handler could corrupt its
            // state silently; stopping with the reason is the honest outcome.
            Environment.FailFast(BindingErrors.CallbackAfterEnd(_misuse));
        }

        try
        {
            var arguments = new object?[abiArguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                arguments[i] = FromAbi(binding.Plan.Parameters[i], abiArguments[i], binding.ParameterTypes[i]);
            }

            return ToAbi(binding.Plan, binding.Handler.DynamicInvoke(arguments));
        }
        catch (Exception e)
        {
            binding.Record(e is TargetInvocationException { InnerException: { } inner } ? inner : e);
            return DefaultAbi(binding.Plan.Return);
        }
    }

    private static object? FromAbi(ValuePlan plan, object? value, Type wanted)
    {
        if (plan.Kind == ValueKind.Record)
        {
            return CallbackRecords.FromAbi(plan, (byte[])value!, wanted);
        }

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

    private static object? ToAbi(CallPlan callback, object? result)
    {
        var plan = callback.Return;
        if (plan.Kind == ValueKind.Void)
        {
            return null;
        }

        if (plan.Kind == ValueKind.Record)
        {
            return CallbackRecords.ToAbi(plan, callback.Signature.ToString(), result);
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
        plan.Kind == ValueKind.Void ? null
        : plan.Kind == ValueKind.Record ? CallbackRecords.Zeroed(plan)
        : Activator.CreateInstance(plan.AbiType);
}
