namespace Relaxnative.Signatures;

/// <summary>
/// Integer constant expressions, as needed for enum values, array bounds, bitfield widths and alignments: literals,
/// enum constants, arithmetic, shifts, comparisons, logic, the conditional operator, casts and <c>sizeof</c>/<c>_Alignof</c>
/// of scalar and pointer types. Anything else leaves the value unknown, with the reason; it never throws out of here.
/// </summary>
internal sealed partial class CDeclarationParser
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
}
