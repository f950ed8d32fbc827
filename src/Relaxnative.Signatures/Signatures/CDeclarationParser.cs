namespace Relaxnative.Signatures;

/// <summary>
/// A recursive-descent parser for C function declarations (<c>int add(int a, int b);</c>).
/// It reads declaration specifiers in any legal order, pointers with qualifiers, array and
/// function-pointer parameters, and nested declarators; arrays in parameters decay to pointers.
/// Every failure is a <see cref="CParseException"/> with a column and, where one applies, a hint.
/// Stateless to callers and safe to use from any thread.
/// </summary>
internal sealed partial class CDeclarationParser
{
    private const int MaxNesting = 32;

    private readonly string _text;
    private readonly List<CToken> _tokens;
    private readonly UnitState? _unit;
    private readonly CDeclarationModel? _scope;
    private int _position;
    private int _nesting;

    private CDeclarationParser(string text, CDeclarationModel? scope = null)
    {
        _text = text;
        _tokens = CLexer.Tokenize(text);
        _scope = scope;
    }

    private CDeclarationParser(string text, List<CToken> tokens, UnitState unit)
    {
        _text = text;
        _tokens = tokens;
        _unit = unit;
    }

    private enum Context
    {
        Return,
        Parameter,
        Member,
        Declaration,
    }

    private CToken Current => _tokens[_position];

    /// <summary>
    /// Parses one C function declaration such as <c>int add(int a, int b)</c>; a trailing <c>;</c> is allowed.
    /// </summary>
    /// <param name="declaration">The declaration text.</param>
    /// <returns>The signature, with normalized types.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="declaration"/> is <see langword="null"/>.</exception>
    /// <exception cref="CParseException">The text is not a C function declaration; the message says where and why.</exception>
    public static CFunctionSignature Parse(string declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return new CDeclarationParser(declaration).ParseDeclaration();
    }

    /// <summary>
    /// Parses one C function declaration, resolving typedef names through <paramref name="scope"/> (the model of the
    /// module's sources or headers): <c>uLong crc32(uLong, const Bytef*, uInt)</c> gets the types those names stand for,
    /// spelled as written (<see cref="CType.TypedefName"/>). Names the model does not define keep their usual meaning.
    /// </summary>
    /// <param name="declaration">The declaration text.</param>
    /// <param name="scope">The model whose typedefs are in scope.</param>
    /// <returns>The signature, with normalized types.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="CParseException">The text is not a C function declaration; the message says where and why.</exception>
    public static CFunctionSignature Parse(string declaration, CDeclarationModel scope)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(scope);
        return new CDeclarationParser(declaration, scope).ParseDeclaration();
    }

    private CFunctionSignature ParseDeclaration()
    {
        if (Current.Kind == CTokenKind.End)
        {
            throw Error("a return type", "Write a declaration such as 'int add(int a, int b)'.");
        }

        var baseType = ParseSpecifiers(Context.Return);
        var declaratorStart = Current;
        var (type, name) = ParseDeclarator(baseType, Context.Return);
        if (name is null)
        {
            var hint = declaratorStart.Is("[")
                ? "Functions cannot return arrays; return a pointer."
                : "Write the function name before its parameter list: 'int add(int a, int b)'.";
            throw Error(declaratorStart, "a function name", hint);
        }

        if (type.Kind != CDeclaratorKind.Function)
        {
            var hint = type.Kind == CDeclaratorKind.Array
                ? "This declares an array. Only functions can be bound."
                : "This declares a variable. A function declaration needs a parameter list: '" + name + "(void)'.";
            throw Error("a parameter list '(' after '" + name + "'", hint);
        }

        SkipTrailingSpecifiers();
        if (Current.Is(";"))
        {
            _position++;
        }

        if (Current.Kind != CTokenKind.End)
        {
            var hint = Current.Is("{")
                ? "Pass the declaration only, without the function body."
                : Current.Is(",") ? "Declare one function at a time." : null;
            throw Error("the end of the declaration", hint);
        }

        return BuildSignature(name, type);
    }

    private (CDeclarator Type, string? Name) ParseDeclarator(CDeclarator type, Context context)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error("at most " + MaxNesting + " nested declarators", "Simplify the declaration with a typedef.");
        }

        while (true)
        {
            SkipDeclaratorNoise();
            if (Current.Is("*"))
            {
                var offset = Current.Offset;
                _position++;
                var isConst = ParsePointerQualifiers();
                type = new CDeclarator { Kind = CDeclaratorKind.Pointer, Offset = offset, Inner = type, IsConst = isConst };
            }
            else if (Current.Is("&") || Current.Is("&&"))
            {
                throw Error("a declarator", "References are C++ only; use a pointer instead ('int*' rather than 'int&').");
            }
            else if (Current.Is("^"))
            {
                throw Error("a declarator", "Blocks ('^') are not supported; use a function pointer ('*').");
            }
            else
            {
                break;
            }
        }

        string? name = null;
        if (Current.Is("(") && IsNestedDeclaratorStart(_position + 1))
        {
            var innerStart = _position + 1;
            var close = FindClosing(_position, "(", ")");
            _position = close + 1;
            var outer = ParseSuffixes(type);
            var afterSuffixes = _position;
            _position = innerStart;
            (type, name) = ParseDeclarator(outer, context);
            if (_position != close)
            {
                throw Error("')'", null);
            }

            _position = afterSuffixes;
        }
        else
        {
            if (Current.IsIdentifier && !IsKeyword(Current.Text))
            {
                name = Current.Text;
                _position++;
                if (Current.Is("::"))
                {
                    throw Error("'(' after the function name", "C++ member functions and namespaced names cannot be bound; export a free function with extern \"C\".");
                }
            }
            else if (Current.IsIdentifier && context != Context.Return && Current.Text != "const")
            {
                throw Error("a parameter name", "'" + Current.Text + "' is a C keyword and cannot be used as a name.");
            }

            type = ParseSuffixes(type);
        }

        _nesting--;
        return (type, name);
    }

    private CDeclarator ParseSuffixes(CDeclarator type)
    {
        var suffixes = new List<CDeclarator>();
        while (true)
        {
            if (Current.Is("["))
            {
                var offset = Current.Offset;
                var open = _position;
                _position = FindClosing(_position, "[", "]") + 1;
                suffixes.Add(new CDeclarator { Kind = CDeclaratorKind.Array, Offset = offset, BoundStart = open + 1, BoundEnd = _position - 1 });
            }
            else if (Current.Is("("))
            {
                var offset = Current.Offset;
                var (parameters, isVariadic) = ParseParameterList();
                suffixes.Add(new CDeclarator { Kind = CDeclaratorKind.Function, Offset = offset, Parameters = parameters, IsVariadic = isVariadic });
            }
            else
            {
                break;
            }
        }

        // The first suffix binds loosest: int a[2][3] is an array of 2 arrays of 3 ints.
        for (var i = suffixes.Count - 1; i >= 0; i--)
        {
            var s = suffixes[i];
            type = new CDeclarator
            {
                Kind = s.Kind, Offset = s.Offset, Inner = type, Parameters = s.Parameters, IsVariadic = s.IsVariadic,
                BoundStart = s.BoundStart, BoundEnd = s.BoundEnd,
            };
        }

        return type;
    }

    private (IReadOnlyList<CParameter> Parameters, bool IsVariadic) ParseParameterList()
    {
        if (++_nesting > MaxNesting)
        {
            throw Error("at most " + MaxNesting + " nested parameter lists", "Simplify the declaration with a typedef.");
        }

        if (_unit is not null)
        {
            RejectOldStyleParameters();
        }

        _position++; // '('
        _unit?.PushScope();
        try
        {
            return ParseParameters();
        }
        finally
        {
            _unit?.PopScope();
        }
    }

    private (IReadOnlyList<CParameter> Parameters, bool IsVariadic) ParseParameters()
    {
        var parameters = new List<CParameter>();
        var isVariadic = false;
        if (Current.Is(")"))
        {
            _position++;
            _nesting--;
            return (parameters, false);
        }

        if (Current.Is("void") && _tokens[_position + 1].Is(")"))
        {
            _position += 2;
            _nesting--;
            return (parameters, false);
        }

        while (true)
        {
            if (Current.Is("..."))
            {
                _position++;
                isVariadic = true;
                if (!Current.Is(")"))
                {
                    throw Error("')' after '...'", "'...' must be the last parameter.");
                }

                _position++;
                break;
            }

            if (Current.Is(",") || Current.Is(")") || Current.Kind == CTokenKind.End)
            {
                throw Error("a parameter type", Current.Kind == CTokenKind.End ? UnbalancedHint : null);
            }

            var start = Current;
            var baseType = ParseSpecifiers(Context.Parameter);
            var (type, name) = ParseDeclarator(baseType, Context.Parameter);
            var parameterType = ToParameterType(type);
            if (name is not null)
            {
                _unit?.DeclareOrdinary(name);
            }

            if (parameterType.Kind == CTypeKind.Void)
            {
                throw Error(start, "a parameter type other than 'void'", "'void' may only stand alone, as '(void)', to mean no parameters; use 'void*' for a pointer.");
            }

            parameters.Add(new CParameter(parameters.Count, name, parameterType));
            if (Current.Is(","))
            {
                _position++;
                continue;
            }

            if (Current.Is(")"))
            {
                _position++;
                break;
            }

            var hint = Current.Kind == CTokenKind.End ? UnbalancedHint
                : Current.Is("=") ? "Default arguments are C++ only; remove them."
                : Current.IsIdentifier ? "A parameter has one name; check for a missing ',' or a misspelled type."
                : null;
            throw Error("',' or ')'", hint);
        }

        _nesting--;
        return (parameters, isVariadic);
    }
}
