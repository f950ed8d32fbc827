namespace Relaxnative.Signatures;

/// <summary>Balanced skipping in a translation unit: bodies, initializers, and declarations that cannot be read.</summary>
internal sealed partial class CDeclarationParser
{
    /// <summary>Moves past the '}' matching the '{' at the current token (or to the end).</summary>
    private void SkipToClosingBrace()
    {
        var depth = 0;
        while (Current.Kind != CTokenKind.End)
        {
            if (Current.Is("{"))
            {
                depth++;
            }
            else if (Current.Is("}") && --depth <= 0)
            {
                _position++;
                return;
            }

            _position++;
        }
    }

    /// <summary>Skips '= initializer' up to the ',' or ';' that ends it, over balanced brackets.</summary>
    private void SkipInitializer()
    {
        var depth = 0;
        while (Current.Kind != CTokenKind.End)
        {
            if (Current.Is("(") || Current.Is("[") || Current.Is("{"))
            {
                depth++;
            }
            else if (Current.Is(")") || Current.Is("]") || Current.Is("}"))
            {
                if (--depth < 0)
                {
                    return;
                }
            }
            else if (depth == 0 && (Current.Is(",") || Current.Is(";")))
            {
                return;
            }

            _position++;
        }
    }

    /// <summary>
    /// Resynchronizes after a declaration that cannot be read: moves past its ';', or past its body when a '{' group
    /// follows a ')' (a function definition), over balanced brackets. Linear in the tokens skipped.
    /// </summary>
    private void SkipDeclaration(int start, bool oldStyle = false)
    {
        _position = start;
        if (oldStyle)
        {
            // int f(a, b) int a; int b; { ... }: the parameter declarations end at the body.
            while (Current.Kind != CTokenKind.End && !Current.Is("{") && !Current.Is("}"))
            {
                if (Current.Is(";") && _tokens[_position - 1].Is(")"))
                {
                    _position++;
                    return; // int f(a, b); declares without a body.
                }

                _position++;
            }

            SkipToClosingBrace();
            return;
        }

        var depth = 0;
        while (Current.Kind != CTokenKind.End)
        {
            if (Current.Is("(") || Current.Is("["))
            {
                depth++;
            }
            else if (Current.Is(")") || Current.Is("]"))
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (Current.Is("{"))
            {
                var afterParen = _position > start && _tokens[_position - 1].Is(")") && depth == 0;
                SkipToClosingBrace();
                if (afterParen && !Current.Is(";") && !Current.Is(","))
                {
                    return;
                }

                continue;
            }
            else if (Current.Is("}") && depth == 0)
            {
                return; // The end of the enclosing block: leave it to the block's reader.
            }
            else if (Current.Is(";") && depth == 0)
            {
                _position++;
                return;
            }

            _position++;
        }
    }

    private int FindSkipTarget(int open)
    {
        var depth = 0;
        for (var i = open; i < _tokens.Count && _tokens[i].Kind != CTokenKind.End; i++)
        {
            if (_tokens[i].Is("("))
            {
                depth++;
            }
            else if (_tokens[i].Is(")") && --depth == 0)
            {
                return i;
            }
        }

        return _tokens.Count - 1;
    }

    /// <summary>The name a failed declaration most likely declares: the identifier before the first '(' at depth 0.</summary>
    private string GuessName(int start, out bool isFunction)
    {
        isFunction = false;
        string? lastIdentifier = null;
        for (var i = start; i < _tokens.Count && i < start + 4096; i++)
        {
            var token = _tokens[i];
            if (token.Is(";") || token.Is("{") || token.Is("=") || token.Kind == CTokenKind.End)
            {
                break;
            }

            if (token.Is("(") && lastIdentifier is not null && !IsAttributeKeyword(lastIdentifier) && !IsKeyword(lastIdentifier)
                && !IsUnsupportedTypeOperator(lastIdentifier) && lastIdentifier != "_Atomic")
            {
                isFunction = true;
                return lastIdentifier;
            }

            if (token.IsIdentifier && !IsAttributeKeyword(token.Text))
            {
                lastIdentifier = token.Text;
            }
            else if (token.Is("(") && lastIdentifier is not null)
            {
                // typeof(int) f(void): the group belongs to a type, the name comes after it.
                i = Math.Min(FindSkipTarget(i), _tokens.Count - 1);
            }
        }

        return lastIdentifier ?? string.Empty;
    }
}
