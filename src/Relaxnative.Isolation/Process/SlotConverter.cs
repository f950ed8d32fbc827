using Relaxnative.Binding;

namespace Relaxnative.Isolation.Process;

/// <summary>Scalars to and from 8-byte slots, for calls that cross the process boundary (no pointers to this process).</summary>
internal static class SlotConverter
{
    /// <summary>The slot for a scalar argument, with the binding's range checks and argument-error template.</summary>
    internal static ulong Scalar(string function, ValuePlan plan, object? value)
    {
        switch (plan.Kind)
        {
            case ValueKind.Bool:
                return value is bool b ? (b ? 1UL : 0UL) : Bad<ulong>(function, plan, value);
            case ValueKind.Float:
                float f = value switch
                {
                    float single => single,
                    double d => (float)d,
                    _ when ArgumentConverter.TryInteger(value, out long l) => l,
                    _ => Bad<float>(function, plan, value),
                };
                return (uint)BitConverter.SingleToInt32Bits(f);
            case ValueKind.Double:
                double x = value switch
                {
                    double d => d,
                    float single => single,
                    _ when ArgumentConverter.TryInteger(value, out long l) => l,
                    ulong ul => ul,
                    _ => Bad<double>(function, plan, value),
                };
                return BitConverter.DoubleToUInt64Bits(x);
            default:
                return ArgumentConverter.IntegerOf(function, plan, value);
        }
    }

    /// <summary>The boxed result for a returned slot; pointers become remote handles tagged with <paramref name="origin"/>.</summary>
    internal static object? Result(ValuePlan plan, ulong slot, string? text, string origin) => plan.Kind switch
    {
        _ when NativeText.ReturnsString(plan) => text,
        _ when plan.IsPointerLike => slot == 0 ? null : NativePointer.Remote((nint)(long)slot, origin),
        // Scalars convert exactly as in-process results do, small-int box cache included (ProcessCallBenchmarks.Process_Add).
        _ => ReturnConverter.ScalarToObject(plan, slot),
    };

    /// <summary>In the helper: the boxed argument a slot stands for, as <see cref="NativeFunction.InvokeInProcess"/> accepts it.</summary>
    internal static object? Argument(ValuePlan plan, ulong slot) => plan.Kind switch
    {
        ValueKind.Bool => (byte)slot != 0,
        ValueKind.Int8 => (sbyte)slot,
        ValueKind.UInt8 => (byte)slot,
        ValueKind.Int16 => (short)slot,
        ValueKind.UInt16 => (ushort)slot,
        ValueKind.Int32 => (int)slot,
        ValueKind.UInt32 => (uint)slot,
        ValueKind.Int64 => (long)slot,
        ValueKind.UInt64 => slot,
        ValueKind.IntPtr => (nint)(long)slot,
        ValueKind.UIntPtr => (nuint)slot,
        ValueKind.Float => BitConverter.Int32BitsToSingle((int)slot),
        ValueKind.Double => BitConverter.UInt64BitsToDouble(slot),
        _ => (nint)(long)slot,
    };

    /// <summary>In the helper: the slot for a boxed result of <see cref="NativeFunction.InvokeInProcess"/>.</summary>
    internal static ulong FromResult(object? value) => value switch
    {
        null => 0,
        bool b => b ? 1UL : 0UL,
        sbyte v => (ulong)v,
        byte v => v,
        short v => (ulong)v,
        ushort v => v,
        int v => (ulong)v,
        uint v => v,
        long v => (ulong)v,
        ulong v => v,
        nint v => (ulong)v,
        nuint v => v,
        float v => (uint)BitConverter.SingleToInt32Bits(v),
        double v => BitConverter.DoubleToUInt64Bits(v),
        NativePointer p => (ulong)p.DangerousGetAddress(),
        _ => 0,
    };

    private static T Bad<T>(string function, ValuePlan plan, object? value)
    {
        BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value, null);
        return default!;
    }
}
