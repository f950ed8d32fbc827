namespace Relaxnative.Signatures;

/// <summary>Turning declarators into <see cref="CType"/>s, and error helpers.</summary>
internal sealed partial class CDeclarationParser
{
    private const string UnbalancedHint = "Parentheses are unbalanced: every '(' needs a matching ')'.";

    private CParseException Error(string expected, string? hint) => Error(Current, expected, hint);

    private CParseException Error(CToken token, string expected, string? hint) =>
        _unit is null
            ? new(_text, token.Offset + 1, token.Text, expected, hint)
            : new(string.Empty, token.Offset + 1, token.Text, expected, hint); // The unit's driver words its own reason.

    /// <summary>Returns the index of the token that closes the bracket at <paramref name="open"/>.</summary>
    private int FindClosing(int open, string opening, string closing)
    {
        var depth = 0;
        for (var i = open; i < _tokens.Count; i++)
        {
            var token = _tokens[i];
            if (token.Is(opening))
            {
                depth++;
            }
            else if (token.Is(closing) && --depth == 0)
            {
                return i;
            }
            else if (token.Kind == CTokenKind.End)
            {
                var hint = opening == "(" ? UnbalancedHint : "Brackets are unbalanced: every '" + opening + "' needs a matching '" + closing + "'.";
                throw Error(token, "'" + closing + "' to match the '" + opening + "' at column " + (_tokens[open].Offset + 1), hint);
            }
        }

        throw Error("'" + closing + "'", null);
    }

    /// <summary>Whether the '(' before <paramref name="index"/> opens a nested declarator such as <c>(*name)</c> rather than a parameter list.</summary>
    private bool IsNestedDeclaratorStart(int index)
    {
        var token = _tokens[index];
        if (token.Is("*") || token.Is("^") || token.Is("&") || token.Is("(") || token.Is("["))
        {
            return true;
        }

        if (!token.IsIdentifier)
        {
            return false;
        }

        if (IsAttributeKeyword(token.Text) || token.Text is "__cdecl" or "__stdcall" or "__fastcall" or "__thiscall" or "__vectorcall")
        {
            return true;
        }

        if (_unit is not null)
        {
            // After preprocessing, '(' then a name that is not a type opens a declarator: int (lua_gettop)(lua_State *L).
            return !IsKeyword(token.Text) && !_unit.IsTypedefName(token.Text) && !TypeWords.IsTypeKeyword(token.Text);
        }

        // A parenthesized name: int (name)(int).
        return !IsKeyword(token.Text) && !CTypeNames.IsKnownTypeName(token.Text) && _tokens[index + 1].Is(")");
    }

    private CType ToParameterType(CDeclarator declarator) => declarator.Kind switch
    {
        // Arrays decay to pointers and functions to function pointers, as C does for parameters.
        CDeclaratorKind.Array => CType.PointerTo(ToPointee(declarator.Inner!)),
        CDeclaratorKind.Function => CType.FunctionPointerTo(BuildSignature(string.Empty, declarator)),
        _ => ToValueType(declarator),
    };

    private CType ToValueType(CDeclarator declarator)
    {
        // Pointer levels are unwound in a loop, not by recursion: 'int ****...f' may have thousands.
        var levels = new List<CDeclarator>();
        var inner = declarator;
        while (inner.Kind == CDeclaratorKind.Pointer)
        {
            levels.Add(inner);
            inner = inner.Inner!;
        }

        CType type;
        if (levels.Count == 0)
        {
            switch (inner.Kind)
            {
                case CDeclaratorKind.Base:
                    return inner.Base!;
                case CDeclaratorKind.Array:
                    throw new CParseException(_unit is null ? _text : string.Empty, inner.Offset + 1, "[", "a return type", "Functions cannot return arrays; return a pointer.");
                default:
                    throw new CParseException(_unit is null ? _text : string.Empty, inner.Offset + 1, "(", "a return type", "Functions cannot return functions; return a function pointer.");
            }
        }

        var innermost = levels[^1];
        if (inner.Kind == CDeclaratorKind.Function)
        {
            type = CType.FunctionPointerTo(BuildSignature(string.Empty, inner), innermost.IsConst);
        }
        else if (inner.Kind == CDeclaratorKind.Base && inner.IsFunctionType)
        {
            // A pointer to a function typedef (fn_t *p) is the function pointer itself.
            type = inner.Base!.Resolved.WithConst(innermost.IsConst);
        }
        else
        {
            type = CType.PointerTo(ToPointee(inner), innermost.IsConst);
        }

        for (var i = levels.Count - 2; i >= 0; i--)
        {
            type = CType.PointerTo(type, levels[i].IsConst);
        }

        return type;
    }

    private CType ToPointee(CDeclarator declarator) => declarator.Kind switch
    {
        CDeclaratorKind.Base when declarator.IsUnknownName =>
            CType.Named(CTypeKind.Opaque, declarator.Base!.TagName!, null, declarator.Base.IsConst),

        // A pointer to an array (int (*p)[4]) points at the first element as far as the ABI goes.
        CDeclaratorKind.Array => ToPointee(declarator.Inner!),
        _ => ToValueType(declarator),
    };

    private CFunctionSignature BuildSignature(string name, CDeclarator function)
    {
        var returnType = ToValueType(function.Inner!);
        return new CFunctionSignature(name, returnType, function.Parameters!, function.IsVariadic);
    }
}
