using System.Globalization;

namespace Relaxnative.Signatures;

/// <summary>
/// Integer constant expressions, as needed for enum values, array bounds, bitfield widths and alignments: literals,
/// enum constants, arithmetic, shifts, comparisons, logic, the conditional operator, casts and <c>sizeof</c>/<c>_Alignof</c>
/// of scalar and pointer types. Anything else leaves the value unknown, with the reason; it never throws out of here.
/// </summary>
public sealed partial class CDeclarationParser
{
    private int _limit;

    /// <summary>Evaluates the tokens in [<paramref name="start"/>, <paramref name="end"/>); null when unknown.</summary>
    internal long? TryEvaluate(int start, int end) => Evaluate(start, end).Value;

    private (long? Value, string? Reason) Evaluate(int start, int end)
    {
        var (position, limit, nesting) = (_position, _limit, _nesting);
        try
        {
            _position = start;
            _limit = end;
            if (start >= end)
            {
                return (null, SignatureMessages.ConstantEmpty);
            }

            var value = Conditional();
            if (_position != end)
            {
                throw new UnknownConstantException(SignatureMessages.ConstantUnsupported(Text(start, end)));
            }

            return (value.Value, null);
        }
        catch (UnknownConstantException unknown)
        {
            return (null, unknown.Message);
        }
        catch (CParseException)
        {
            return (null, SignatureMessages.ConstantUnsupported(Text(start, end)));
        }
        finally
        {
            (_position, _limit, _nesting) = (position, limit, nesting);
        }
    }

    private string Text(int start, int end)
    {
        var from = _tokens[start].Offset;
        var to = _tokens[Math.Max(start, end - 1)].End;
        var text = _text.AsSpan(from, Math.Max(0, Math.Min(to - from, 120)));
        return SourceScanner.CollapseWhitespace(text);
    }

    private bool At(string text) => _position < _limit && Current.Is(text);

    private ConstantValue Conditional()
    {
        var condition = Binary(0);
        if (!At("?"))
        {
            return condition;
        }

        _position++;
        var whenTrue = Conditional();
        Expect(":");
        var whenFalse = Conditional();
        return condition.Value != 0 ? whenTrue : whenFalse;
    }

    private static int Precedence(string op) => op switch
    {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" => 7,
        "<<" or ">>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" => 10,
        _ => -1,
    };

    private ConstantValue Binary(int minimum)
    {
        var left = Unary();
        while (_position < _limit && Current.Kind == CTokenKind.Punctuator)
        {
            var op = Current.Text;
            var precedence = Precedence(op);
            if (precedence <= minimum)
            {
                break;
            }

            _position++;
            var right = Binary(precedence);
            left = ConstantValue.Apply(op, left, right);
        }

        return left;
    }

    private ConstantValue Unary()
    {
        if (_position >= _limit)
        {
            throw new UnknownConstantException(SignatureMessages.ConstantEmpty);
        }

        if (++_nesting > MaxNesting * 4)
        {
            throw new UnknownConstantException(SignatureMessages.ConstantTooDeep);
        }

        try
        {
            var token = Current;
            switch (token.Text)
            {
                case "+":
                    _position++;
                    return Unary();
                case "-":
                    _position++;
                    return ConstantValue.Apply("-", ConstantValue.Zero, Unary());
                case "~":
                    _position++;
                    return Unary().Complement();
                case "!":
                    _position++;
                    return ConstantValue.Int(Unary().Value == 0 ? 1 : 0);
                case "sizeof" or "_Alignof" or "__alignof__" or "__alignof" or "alignof":
                    _position++;
                    return SizeOf(token.Text);
                case "__extension__":
                    _position++;
                    return Unary();
                case "(":
                    return ParenthesizedOrCast();
            }

            return Primary();
        }
        finally
        {
            _nesting--;
        }
    }

    private ConstantValue ParenthesizedOrCast()
    {
        if (IsTypeStart(_position + 1))
        {
            var (type, _) = ParseTypeName();
            return Unary().CastTo(type);
        }

        _position++;
        var inner = Conditional();
        Expect(")");
        return inner;
    }

    private ConstantValue SizeOf(string keyword)
    {
        if (!At("(") || !IsTypeStart(_position + 1))
        {
            throw new UnknownConstantException(SignatureMessages.ConstantSizeOfExpression(keyword));
        }

        var (type, count) = ParseTypeName();
        var size = type.Kind switch
        {
            CTypeKind.Void => 1, // GCC: sizeof(void) is 1.
            _ => type.SizeInBytes,
        };
        if (keyword == "sizeof")
        {
            size = (int)Math.Min(int.MaxValue, size * count);
        }
        if (size == 0)
        {
            throw new UnknownConstantException(SignatureMessages.ConstantSizeOfType(keyword, type.Spelling));
        }

        return ConstantValue.Size(size);
    }

    /// <summary>Reads '(' type-name ')' and returns the type with its element count (the product of array bounds, else 1).</summary>
    private (CType Type, long Count) ParseTypeName()
    {
        _position++; // '('
        var baseType = ParseSpecifiers(Context.Parameter);
        var (declarator, name) = ParseDeclarator(baseType, Context.Parameter);
        if (name is not null)
        {
            throw new UnknownConstantException(SignatureMessages.ConstantUnsupported(name));
        }

        Expect(")");
        var (type, bounds, _) = ToDeclaredType(declarator);
        long count = 1;
        foreach (var bound in bounds)
        {
            count = bound is { } known ? unchecked(count * known) : throw new UnknownConstantException(SignatureMessages.ConstantSizeOfType("sizeof", type.Spelling + "[]"));
        }

        return (type, count);
    }

    private bool IsTypeStart(int index)
    {
        var token = _tokens[index];
        if (!token.IsIdentifier)
        {
            return false;
        }

        return TypeWords.IsTypeKeyword(token.Text) || token.Text is "struct" or "union" or "enum" or "const" or "volatile" or "__const"
            || (_unit is not null ? _unit.IsTypedefName(token.Text) : CTypeNames.IsKnownTypeName(token.Text));
    }

    private ConstantValue Primary()
    {
        var token = Current;
        _position++;
        switch (token.Kind)
        {
            case CTokenKind.Number:
                return ConstantValue.Parse(token.Text) ?? throw new UnknownConstantException(SignatureMessages.ConstantLiteral(token.Text));
            case CTokenKind.Character:
                return ConstantValue.Character(token.Text) ?? throw new UnknownConstantException(SignatureMessages.ConstantLiteral(token.Text));
            case CTokenKind.Identifier:
                if (_unit is not null && _unit.EnumConstants.TryGetValue(token.Text, out var constant))
                {
                    return constant.Value is { } value
                        ? ConstantValue.Int(value)
                        : throw new UnknownConstantException(SignatureMessages.FollowsUnknown(token.Text));
                }

                throw new UnknownConstantException(SignatureMessages.ConstantName(token.Text));
            default:
                throw new UnknownConstantException(SignatureMessages.ConstantUnsupported(token.Text));
        }
    }

    private void Expect(string text)
    {
        if (!At(text))
        {
            throw new UnknownConstantException(SignatureMessages.ConstantUnsupported(Current.Text));
        }

        _position++;
    }

    /// <summary>Why a constant expression has no value here; caught inside <see cref="Evaluate"/>.</summary>
    private sealed class UnknownConstantException(string reason) : Exception(reason);

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
