namespace Relaxnative.Signatures;

/// <summary>
/// The translation-unit mode: reads the external declarations of a preprocessed file into a model. Each declaration is
/// parsed by the same specifier and declarator code as declaration strings; a declaration that fails becomes a
/// <see cref="CSkippedDeclaration"/> and parsing resumes after it, so one odd declaration never hides the rest.
/// </summary>
internal sealed partial class CDeclarationParser
{
    private const int MaxBlockNesting = 64;

    internal static CDeclarationModel ParseUnit(string text, CParseOptions options)
    {
        var (tokens, lines) = UnitLexer.Tokenize(text, options.FileName);
        var unit = new UnitState(options, lines);
        var parser = new CDeclarationParser(text, tokens, unit);
        parser.ParseDeclarations(cLinkage: !options.IsCpp, depth: 0, closing: false);
        return new CDeclarationModel(unit.Functions, unit.Typedefs, unit.Records, unit.Enums, unit.Skipped, unit.Variables);
    }

    /// <summary>Reads declarations until the end, or until the '}' that closes a linkage block or namespace.</summary>
    private void ParseDeclarations(bool cLinkage, int depth, bool closing)
    {
        var unit = _unit!;
        while (Current.Kind != CTokenKind.End)
        {
            if (closing && Current.Is("}"))
            {
                _position++;
                return;
            }

            var start = _position;
            if (Current.Is(";") || Current.Is("}"))
            {
                _position++; // A stray ';' (allowed by GCC at file scope), or a '}' without its '{'.
                continue;
            }

            if (unit.Options.IsCpp && TryCppBlock(cLinkage, depth))
            {
                continue;
            }

            var linkage = cLinkage;
            if (Current.Is("extern") && _tokens[_position + 1].Kind == CTokenKind.String)
            {
                linkage = IsCLinkageString(_tokens[_position + 1].Text);
                _position += 2; // extern "C" int f(void);
            }

            try
            {
                _nesting = 0;
                unit.ResetScopes();
                ParseExternalDeclaration(linkage || unit.Lines.IsExternC(Current.Offset));
            }
            catch (CParseException error)
            {
                _position = start;
                var name = GuessName(start, out var isFunction);
                var reason = unit.Options.IsCpp && isFunction && !linkage && !unit.CLinkageNames.Contains(name)
                    ? SignatureMessages.CppMangled
                    : SignatureMessages.UnitParseError(error.Expected, error.Token, error.Hint);
                SkipDeclaration(start, oldStyle: ReferenceEquals(error.Hint, SignatureMessages.OldStyleDefinition));
                unit.Skipped.Add(new CSkippedDeclaration(name, reason, unit.Lines.Locate(_tokens[start].Offset), isFunction));
            }
        }
    }

    private static bool IsCLinkageString(string literal) => literal.Trim('"').Trim() == "C";

    /// <summary>C++ blocks: extern "C" { }, namespaces, templates, using-declarations. False when the tokens start none of them.</summary>
    private bool TryCppBlock(bool cLinkage, int depth)
    {
        var unit = _unit!;
        if (Current.Is("extern") && _tokens[_position + 1].Kind == CTokenKind.String && _tokens[_position + 2].Is("{"))
        {
            var inner = IsCLinkageString(_tokens[_position + 1].Text);
            _position += 3;
            EnterBlock(inner, depth);
            return true;
        }

        var first = _position + (Current.Is("inline") ? 1 : 0);
        if (_tokens[first].Is("namespace"))
        {
            var brace = first + 1;
            while (_tokens[brace].IsIdentifier || _tokens[brace].Is("::"))
            {
                brace++;
            }

            if (!_tokens[brace].Is("{"))
            {
                SkipDeclaration(_position); // namespace alias = other;
                return true;
            }

            _position = brace + 1;
            EnterBlock(cLinkage, depth);
            return true;
        }

        if (Current.Is("template") || Current.Is("using") || Current.Is("static_assert") || Current.Is("friend"))
        {
            var start = _position;
            var name = GuessName(start, out var isFunction);
            SkipDeclaration(start);
            if (isFunction && Current.Kind != CTokenKind.End)
            {
                unit.Skipped.Add(new CSkippedDeclaration(name, SignatureMessages.CppTemplate, unit.Lines.Locate(_tokens[start].Offset), true));
            }

            return true;
        }

        return false;
    }

    private void EnterBlock(bool cLinkage, int depth)
    {
        if (depth >= MaxBlockNesting)
        {
            var start = _position;
            SkipToClosingBrace();
            _unit!.Skipped.Add(new CSkippedDeclaration(string.Empty, SignatureMessages.TooDeep(MaxBlockNesting), _unit.Lines.Locate(_tokens[start].Offset), false));
            return;
        }

        ParseDeclarations(cLinkage, depth + 1, closing: true);
    }

    private void ParseExternalDeclaration(bool cLinkage)
    {
        var unit = _unit!;
        if (Current.Is("_Static_assert") || Current.Is("static_assert"))
        {
            SkipDeclaration(_position);
            return;
        }

        if (Current.IsIdentifier && Current.Text is "__asm__" or "asm" or "__asm" && _tokens[_position + 1].Is("("))
        {
            SkipDeclaration(_position); // A file-scope asm statement.
            return;
        }

        var start = Current;
        unit.Specifiers = new DeclarationSpecifiers();
        unit.Attributes = new AttributeSet();
        var baseType = ParseSpecifiers(Context.Declaration);
        var specifiers = unit.Specifiers;
        var specifierAttributes = unit.Attributes;
        if (Current.Is(";"))
        {
            _position++; // struct s { ... }; enum e { ... }; struct s;
            return;
        }

        while (true)
        {
            unit.Attributes = specifierAttributes.Copy();
            var nameToken = Current;
            var (declarator, name) = ParseDeclarator(baseType, Context.Return);
            SkipTrailingSpecifiers();
            if (name is null)
            {
                throw Error(nameToken, "a name to declare", null);
            }

            var attributes = unit.Attributes;
            var location = unit.Lines.Locate(start.Offset);
            if (specifiers.IsTypedef)
            {
                DeclareTypedef(name, declarator, attributes, location);
            }
            else if (declarator.Kind == CDeclaratorKind.Function || (declarator.Kind == CDeclaratorKind.Base && declarator.IsFunctionType))
            {
                var signature = declarator.Kind == CDeclaratorKind.Function
                    ? BuildSignature(name, declarator)
                    : declarator.Base!.Resolved.Function! with { Name = name };
                var isDefinition = Current.Is("{");
                if (!isDefinition && Current.IsIdentifier && !Current.Is("__attribute__"))
                {
                    throw Error("';' or a body", SignatureMessages.OldStyleDefinition);
                }

                var linkage = cLinkage || unit.CLinkageNames.Contains(name);
                if (linkage)
                {
                    unit.CLinkageNames.Add(name);
                }

                var declaration = new CFunctionDeclaration(signature, specifiers.Storage, specifiers.IsInline, isDefinition,
                    attributes.Visibility, attributes.AsmLabel, linkage, location)
                {
                    Bounds = BoundsOf(signature, attributes, unit.BoundsByName.GetValueOrDefault(name)),
                };
                if (declaration.Bounds.Count > 0)
                {
                    unit.BoundsByName[name] = declaration.Bounds; // a later definition keeps what the prototype declared
                }

                if (unit.Options.IsCpp && !linkage)
                {
                    unit.Skipped.Add(new CSkippedDeclaration(name, SignatureMessages.CppMangled, location, true));
                }
                else
                {
                    unit.Functions.Add(declaration);
                }

                if (isDefinition)
                {
                    SkipToClosingBrace();
                    return; // A definition ends the declaration: 'int f(void) { } int g;' is two.
                }
            }
            else
            {
                var initialized = Current.Is("=");
                if (initialized)
                {
                    SkipInitializer();
                }

                DeclareVariable(name, declarator, specifiers, attributes, location, cLinkage, initialized);
            }

            if (Current.Is(","))
            {
                _position++;
                continue;
            }

            if (Current.Is(";"))
            {
                _position++;
                return;
            }

            throw Error("',' or ';' after the declaration of '" + name + "'", null);
        }
    }

    /// <summary>The access attributes whose indices name a pointer parameter and an integer parameter of <paramref name="signature"/>.</summary>
    private static IReadOnlyList<CBoundsPair> BoundsOf(CFunctionSignature signature, AttributeSet attributes, IReadOnlyList<CBoundsPair>? earlier)
    {
        if (attributes.Access.Count == 0)
        {
            return earlier ?? [];
        }

        var pairs = new List<CBoundsPair>();
        foreach (var (mode, reference, size) in attributes.Access)
        {
            if (reference <= signature.Parameters.Count && size <= signature.Parameters.Count
                && signature.Parameters[reference - 1].Type.IsPointer && signature.Parameters[size - 1].Type.Resolved.IsScalar)
            {
                pairs.Add(new CBoundsPair(reference - 1, size - 1, $"access({mode}, {reference}, {size})"));
            }
        }

        return pairs;
    }

    private void DeclareVariable(string name, CDeclarator declarator, DeclarationSpecifiers specifiers, AttributeSet attributes,
        CSourceLocation location, bool cLinkage, bool initialized)
    {
        var unit = _unit!;
        var (type, bounds, _) = ToDeclaredType(declarator);
        var linkage = cLinkage || unit.CLinkageNames.Contains(name);
        var isDefinition = initialized || specifiers.Storage != CStorageClass.Extern;
        unit.Variables.Add(new CVariableDeclaration(name, ApplyMode(type, attributes.Mode), bounds, specifiers.Storage, isDefinition,
            attributes.Visibility, attributes.AsmLabel, linkage, location));
    }

    private void DeclareTypedef(string name, CDeclarator declarator, AttributeSet attributes, CSourceLocation location)
    {
        var unit = _unit!;
        var (type, bounds, isFunctionType) = ToDeclaredType(declarator);
        if (attributes.Unsupported is { } unsupported)
        {
            // The name must stay a type name, or every later use fails to parse; the type is one nothing can pass.
            if (unsupported.Contains("transparent_union", StringComparison.Ordinal) && FirstMember(type) is { } first)
            {
                type = first; // A transparent union is passed as its first member (glibc's __SOCKADDR_ARG: a pointer).
            }
            else
            {
                type = CType.Named(CTypeKind.Struct, name, name + " (" + unsupported.Trim('_') + ")");
                unit.Skipped.Add(new CSkippedDeclaration(name, SignatureMessages.UnsupportedAttribute(unsupported), location, false));
            }
        }

        type = ApplyMode(type, attributes.Mode);
        type = WellKnownKind(name, type);
        unit.DeclareTypedef(name, type, isFunctionType);
        unit.Typedefs.Add(new CTypedefDeclaration(name, type, bounds, location));
    }

    private CType? FirstMember(CType type)
    {
        var resolved = type.Resolved;
        foreach (var record in _unit!.Records)
        {
            if (record.Key == resolved.Spelling && record.Members.Count > 0 && record.Members[0].ArrayBounds.Count == 0)
            {
                return record.Members[0].Type;
            }
        }

        return null;
    }
}
