using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Relaxnative.Binding;

/// <summary>
/// Converts a boxed .NET argument into its 8-byte call slot, per the SPEC type table. Values that do not fit raise
/// the one argument-error template (function, parameter index and name, C type, .NET type received).
/// </summary>
internal static unsafe partial class ArgumentConverter
{
    /// <summary>Writes <paramref name="value"/> into <paramref name="slot"/> as <paramref name="plan"/> requires.</summary>
    /// <exception cref="ArgumentException">The value does not fit the C type.</exception>
    /// <exception cref="UseAfterFreeException">A freed NativeBuffer (or a pointer into one) was passed.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static void ToSlot(string function, ValuePlan plan, object? value, ulong* slot, ref CallScope scope)
    {
        switch (plan.Kind)
        {
            case ValueKind.Pointer or ValueKind.CharPointer or ValueKind.PointerTable:
                *slot = (ulong)PointerOf(function, plan, value, ref scope);
                return;
            case ValueKind.FunctionPointer:
                *slot = (ulong)FunctionPointerOf(function, plan, value, ref scope);
                return;
            default:
                ScalarToSlot(function, plan, value, slot);
                return;
        }
    }

    /// <summary>Whether <paramref name="kind"/> is a scalar: converted by <see cref="ScalarToSlot"/>, with nothing to undo after the call.</summary>
    internal static bool IsScalar(ValueKind kind) => kind is ValueKind.Bool or ValueKind.Int8 or ValueKind.UInt8 or ValueKind.Int16
        or ValueKind.UInt16 or ValueKind.Int32 or ValueKind.UInt32 or ValueKind.Int64 or ValueKind.UInt64 or ValueKind.IntPtr
        or ValueKind.UIntPtr or ValueKind.Float or ValueKind.Double;

    /// <summary>Writes a scalar (bool, integer, floating point) <paramref name="value"/> into <paramref name="slot"/>; takes nothing that needs undoing.</summary>
    /// <exception cref="ArgumentException">The value does not fit the C type.</exception>
    internal static void ScalarToSlot(string function, ValuePlan plan, object? value, ulong* slot)
    {
        switch (plan.Kind)
        {
            case ValueKind.Int32 when value is int i:
                *slot = (ulong)i;
                return;
            case ValueKind.Double when value is double d:
                *(double*)slot = d;
                return;
            case ValueKind.Bool:
                *slot = value is bool b ? (b ? 1UL : 0UL) : Fail(function, plan, value);
                return;
            case ValueKind.Float:
                *slot = 0;
                *(float*)slot = value switch
                {
                    float f => f,
                    double d => (float)d,
                    _ when TryInteger(value, out long l) => l,
                    _ when value is ulong ul => ul,
                    _ => Fail(function, plan, value),
                };
                return;
            case ValueKind.Double:
                *(double*)slot = value switch
                {
                    float f => f,
                    _ when TryInteger(value, out long l) => l,
                    _ when value is ulong ul => ul,
                    _ => Fail(function, plan, value),
                };
                return;
            default:
                *slot = IntegerOf(function, plan, value);
                return;
        }
    }

    /// <summary>Converts any .NET integer (or enum) to the integer kind of <paramref name="plan"/>, checking its range.</summary>
    internal static ulong IntegerOf(string function, ValuePlan plan, object? value)
    {
        // Unsigned 64-bit values first: they need no range check for unsigned 64-bit parameters, and must not be
        // reboxed on the way to the signed path (SumBenchmarks.Untyped_*, whose size argument is a nuint).
        ulong? unsigned = value switch
        {
            ulong u => u,
            nuint n => n,
            _ => null,
        };
        if (unsigned is { } big)
        {
            if (plan.Kind is ValueKind.UInt64 or ValueKind.UIntPtr)
            {
                return big;
            }

            if (big > long.MaxValue)
            {
                return Fail(function, plan, value);
            }
        }

        long v;
        if (unsigned is { } small)
        {
            v = (long)small;
        }
        else if (!TryInteger(value, out v))
        {
            return Fail(function, plan, value);
        }

        bool fits = plan.Kind switch
        {
            ValueKind.Int8 => v is >= sbyte.MinValue and <= sbyte.MaxValue,
            ValueKind.UInt8 => v is >= 0 and <= byte.MaxValue,
            ValueKind.Int16 => v is >= short.MinValue and <= short.MaxValue,
            ValueKind.UInt16 => v is >= 0 and <= ushort.MaxValue,
            ValueKind.Int32 => v is >= int.MinValue and <= int.MaxValue,
            ValueKind.UInt32 => v is >= 0 and <= uint.MaxValue,
            ValueKind.Int64 or ValueKind.IntPtr => true,
            ValueKind.UInt64 or ValueKind.UIntPtr => v >= 0,
            _ => false,
        };
        return fits ? (ulong)v : Fail(function, plan, value, "The value is out of range for the C type.");
    }

    /// <summary>Reads any signed or unsigned .NET integer up to 64 bits (not ulong above long.MaxValue), or an enum.</summary>
    internal static bool TryInteger(object? value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case uint u: result = u; return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            case nint n: result = n; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            case char c: result = c; return true;
            case Enum e: return TryInteger(Convert.ChangeType(e, Enum.GetUnderlyingType(e.GetType()), System.Globalization.CultureInfo.InvariantCulture), out result);
            default: result = 0; return false;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Fail(string function, ValuePlan plan, object? value, string? detail = null)
    {
        BindingErrors.ThrowBadArgument(function, plan.Parameter!, plan.Expected, value, detail);
        return 0;
    }
}
