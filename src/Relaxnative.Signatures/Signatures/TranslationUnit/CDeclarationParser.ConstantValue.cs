using System.Globalization;

namespace Relaxnative.Signatures;

/// <summary>Integer values of constant expressions with C's usual arithmetic conversions.</summary>
internal sealed partial class CDeclarationParser
{
    /// <summary>A value with C's integer type: 32 or 64 bits, signed or unsigned.</summary>
    private readonly record struct ConstantValue(long Value, bool IsUnsigned, bool IsLong)
    {
        public static ConstantValue Zero => new(0, false, false);

        public static ConstantValue Int(long value) => value is >= int.MinValue and <= int.MaxValue ? new(value, false, false) : new(value, false, true);

        public static ConstantValue Size(long value) => new(value, true, true);

        public static ConstantValue? Parse(string text)
        {
            var digits = text.TrimEnd('u', 'U', 'l', 'L').Replace("'", string.Empty, StringComparison.Ordinal);
            var suffix = text[digits.Length..].ToUpperInvariant();
            ulong value;
            var isDecimal = true;
            if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                isDecimal = false;
                if (!ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value))
                {
                    return null;
                }
            }
            else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            {
                isDecimal = false;
                if (!ulong.TryParse(digits.AsSpan(2), NumberStyles.AllowBinarySpecifier, CultureInfo.InvariantCulture, out value))
                {
                    return null;
                }
            }
            else if (digits.Length > 1 && digits[0] == '0')
            {
                isDecimal = false;
                value = 0;
                foreach (var c in digits.AsSpan(1))
                {
                    if (c is < '0' or > '7')
                    {
                        return null;
                    }

                    value = (value * 8) + (ulong)(c - '0');
                }
            }
            else if (!ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }

            var isUnsigned = suffix.Contains('U', StringComparison.Ordinal);
            var isLong = suffix.Contains('L', StringComparison.Ordinal);
            if (!isLong && (isUnsigned ? value > uint.MaxValue : value > int.MaxValue))
            {
                // C picks the first type that holds the literal; hex and octal may become unsigned int first.
                if (!isUnsigned && !isDecimal && value <= uint.MaxValue)
                {
                    isUnsigned = true;
                }
                else
                {
                    isLong = true;
                }
            }

            if (isLong && !isUnsigned && value > long.MaxValue)
            {
                isUnsigned = true;
            }

            return new ConstantValue(unchecked((long)value), isUnsigned, isLong);
        }

        public static ConstantValue? Character(string text)
        {
            var body = text.Trim('\'');
            if (body.Length == 1)
            {
                return new ConstantValue(body[0], false, false);
            }

            if (body.Length >= 2 && body[0] == '\\')
            {
                return body[1] switch
                {
                    'n' => Int('\n'),
                    't' => Int('\t'),
                    'r' => Int('\r'),
                    '0' when body.Length == 2 => Int(0),
                    '\\' => Int('\\'),
                    '\'' => Int('\''),
                    '"' => Int('"'),
                    'a' => Int(7),
                    'b' => Int(8),
                    'f' => Int(12),
                    'v' => Int(11),
                    _ => null,
                };
            }

            return null;
        }

        public ConstantValue Complement() => Normalize(~Value, IsUnsigned, IsLong);

        public ConstantValue CastTo(CType type)
        {
            var resolved = type.Resolved;
            return resolved.Kind switch
            {
                CTypeKind.Bool => Int(Value != 0 ? 1 : 0),
                CTypeKind.Int8 => Int((sbyte)Value),
                CTypeKind.UInt8 => Int((byte)Value),
                CTypeKind.Int16 => Int((short)Value),
                CTypeKind.UInt16 => Int((ushort)Value),
                CTypeKind.Int32 => Int((int)Value),
                CTypeKind.UInt32 => new((uint)Value, true, false),
                CTypeKind.Int64 or CTypeKind.IntPtr => new(Value, false, true),
                CTypeKind.UInt64 or CTypeKind.UIntPtr or CTypeKind.Pointer => new(Value, true, true),
                _ => throw new UnknownConstantException(SignatureMessages.ConstantCast(type.Spelling)),
            };
        }

        public static ConstantValue Apply(string op, ConstantValue left, ConstantValue right)
        {
            var isLong = left.IsLong || right.IsLong;
            var isUnsigned = (left.IsUnsigned && (left.IsLong || !right.IsLong)) || (right.IsUnsigned && (right.IsLong || !left.IsLong));
            long a = left.Value, b = right.Value;
            ulong ua = (ulong)a, ub = (ulong)b;
            if (isUnsigned && !isLong)
            {
                ua = (uint)a;
                ub = (uint)b;
            }

            long result = op switch
            {
                "+" => unchecked(a + b),
                "-" => unchecked(a - b),
                "*" => unchecked(a * b),
                "/" or "%" when b == 0 => throw new UnknownConstantException(SignatureMessages.ConstantDivisionByZero),
                "/" => isUnsigned ? (long)(ua / ub) : a == long.MinValue && b == -1 ? a : a / b,
                "%" => isUnsigned ? (long)(ua % ub) : a == long.MinValue && b == -1 ? 0 : a % b,
                "<<" => b is < 0 or > 63 ? 0 : unchecked(a << (int)b),
                ">>" => b is < 0 or > 63 ? 0 : isUnsigned ? (long)(ua >> (int)b) : a >> (int)b,
                "&" => a & b,
                "|" => a | b,
                "^" => a ^ b,
                "==" => a == b ? 1 : 0,
                "!=" => a != b ? 1 : 0,
                "<" => (isUnsigned ? ua < ub : a < b) ? 1 : 0,
                ">" => (isUnsigned ? ua > ub : a > b) ? 1 : 0,
                "<=" => (isUnsigned ? ua <= ub : a <= b) ? 1 : 0,
                ">=" => (isUnsigned ? ua >= ub : a >= b) ? 1 : 0,
                "&&" => a != 0 && b != 0 ? 1 : 0,
                "||" => a != 0 || b != 0 ? 1 : 0,
                _ => throw new UnknownConstantException(SignatureMessages.ConstantUnsupported(op)),
            };
            if (op is "==" or "!=" or "<" or ">" or "<=" or ">=" or "&&" or "||")
            {
                return Int(result);
            }

            // A shift has the type of its left operand.
            return op is "<<" or ">>" ? Normalize(result, left.IsUnsigned, left.IsLong) : Normalize(result, isUnsigned, isLong);
        }

        private static ConstantValue Normalize(long value, bool isUnsigned, bool isLong) =>
            isLong ? new(value, isUnsigned, true) : isUnsigned ? new((uint)value, true, false) : new((int)value, false, false);
    }
}
