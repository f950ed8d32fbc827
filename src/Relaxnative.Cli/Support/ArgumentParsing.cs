using System.Globalization;
using System.Numerics;
using Relaxnative.Binding;

namespace Relaxnative.Cli.Support;

/// <summary>Turns command-line text into the .NET value a C parameter takes, by its <see cref="ValuePlan"/>.</summary>
internal static class ArgumentParsing
{
    /// <summary>
    /// Converts <paramref name="text"/> for parameter <paramref name="plan"/> of <paramref name="function"/>:
    /// integers (decimal or <c>0x</c> hex, range-checked for the C type), floats, bools and, for <c>const char*</c>, strings.
    /// </summary>
    /// <exception cref="CliException">A usage error naming the function, the parameter, the C type and the text.</exception>
    public static object Parse(string text, ValuePlan plan, string function)
    {
        switch (plan.Kind)
        {
            case ValueKind.Bool:
                return ParseBool(text) ?? throw Bad(text, plan, function, "true, false, 1 or 0");
            case ValueKind.Float:
                return TryParseFloat(text, out double f) ? (float)f : throw Bad(text, plan, function, "a number such as 1.5");
            case ValueKind.Double:
                return TryParseFloat(text, out double d) ? d : throw Bad(text, plan, function, "a number such as 1.5");
            case ValueKind.CharPointer when plan.Type.IsCString:
                return text;
            case ValueKind.Pointer or ValueKind.CharPointer or ValueKind.PointerTable or ValueKind.FunctionPointer:
                throw CliException.Usage(
                    $"{Name(plan, function)} is a pointer (C '{plan.Type}'); 'run' passes only numbers, bools and strings (const char*).",
                    "Call it from C# with a NativeBuffer, or measure it with 'relaxnative bench', which allocates the buffers.");
            default:
                return TryParsePlainInteger(text, plan.Kind) ?? ParseInteger(text, plan, function);
        }
    }

    /// <summary>
    /// Plain decimal text within the kind's range (what nearly every command line passes) as the kind's .NET type, without
    /// <see cref="BigInteger"/>, whose assembly and generic code a fresh process would otherwise load and compile for it;
    /// <see langword="null"/> for anything else (hex, underscores, spaces, out of range, not an integer kind), which the
    /// general path converts or reports exactly as before.
    /// </summary>
    private static object? TryParsePlainInteger(string text, ValueKind kind)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n))
        {
            return null;
        }

        return kind switch
        {
            ValueKind.Int8 when n is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)n,
            ValueKind.UInt8 when n is >= byte.MinValue and <= byte.MaxValue => (byte)n,
            ValueKind.Int16 when n is >= short.MinValue and <= short.MaxValue => (short)n,
            ValueKind.UInt16 when n is >= ushort.MinValue and <= ushort.MaxValue => (ushort)n,
            ValueKind.Int32 when n is >= int.MinValue and <= int.MaxValue => (int)n,
            ValueKind.UInt32 when n is >= uint.MinValue and <= uint.MaxValue => (uint)n,
            ValueKind.Int64 => n,
            ValueKind.IntPtr => (nint)n,
            ValueKind.UInt64 when n >= 0 => (ulong)n,
            ValueKind.UIntPtr when n >= 0 => (nuint)(ulong)n,
            _ => null,
        };
    }

    /// <summary>The integer range of an integer kind.</summary>
    public static (BigInteger Min, BigInteger Max) RangeOf(ValueKind kind) => kind switch
    {
        ValueKind.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        ValueKind.UInt8 => (byte.MinValue, byte.MaxValue),
        ValueKind.Int16 => (short.MinValue, short.MaxValue),
        ValueKind.UInt16 => (ushort.MinValue, ushort.MaxValue),
        ValueKind.Int32 => (int.MinValue, int.MaxValue),
        ValueKind.UInt32 => (uint.MinValue, uint.MaxValue),
        ValueKind.Int64 or ValueKind.IntPtr => (long.MinValue, long.MaxValue),
        _ => (ulong.MinValue, ulong.MaxValue),
    };

    /// <summary>Converts an integer that is known to be in range to the exact .NET type of <paramref name="kind"/>.</summary>
    public static object ToKind(BigInteger value, ValueKind kind) => kind switch
    {
        ValueKind.Int8 => (sbyte)value,
        ValueKind.UInt8 => (byte)value,
        ValueKind.Int16 => (short)value,
        ValueKind.UInt16 => (ushort)value,
        ValueKind.Int32 => (int)value,
        ValueKind.UInt32 => (uint)value,
        ValueKind.Int64 => (long)value,
        ValueKind.UInt64 => (ulong)value,
        ValueKind.IntPtr => (nint)(long)value,
        ValueKind.UIntPtr => (nuint)(ulong)value,
        ValueKind.Float => (float)value,
        ValueKind.Double => (double)value,
        ValueKind.Bool => !value.IsZero,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a scalar kind."),
    };

    private static object ParseInteger(string text, ValuePlan plan, string function)
    {
        var (min, max) = RangeOf(plan.Kind);
        string range = string.Create(CultureInfo.InvariantCulture, $"an integer from {min} to {max}");
        if (!TryParseInteger(text, out var value))
        {
            throw Bad(text, plan, function, range + " (decimal or 0x hex)");
        }

        if (value < min || value > max)
        {
            throw Bad(text, plan, function, range);
        }

        return ToKind(value, plan.Kind);
    }

    private static bool TryParseInteger(string text, out BigInteger value)
    {
        string t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        bool negative = t.StartsWith('-');
        string digits = negative || t.StartsWith('+') ? t[1..] : t;
        bool ok;
        value = default;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            // A leading 0 keeps BigInteger from reading the top hex digit as a sign bit.
            ok = digits.Length > 2 && BigInteger.TryParse("0" + digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }
        else
        {
            ok = digits.Length > 0 && digits.All(char.IsAsciiDigit)
                && BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        }

        if (!ok)
        {
            value = default;
            return false;
        }

        value = negative ? -value : value;
        return true;
    }

    private static bool TryParseFloat(string text, out double value)
    {
        if (TryParseInteger(text, out var integer))
        {
            value = (double)integer;
            return true;
        }

        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool? ParseBool(string text) => text.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => null,
    };

    private static string Name(ValuePlan plan, string function) =>
        $"Argument {plan.Parameter!.Index + 1} ('{plan.Parameter.Name ?? "unnamed"}') of '{function}'";

    private static CliException Bad(string text, ValuePlan plan, string function, string expected) =>
        CliException.Usage($"{Name(plan, function)}: expected {expected} (C '{plan.Type}'), got '{text}'.",
            $"Pass {expected} for '{plan.Parameter!.Name ?? "unnamed"}'.");
}
