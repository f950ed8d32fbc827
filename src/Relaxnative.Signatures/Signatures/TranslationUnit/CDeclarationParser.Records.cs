namespace Relaxnative.Signatures;

/// <summary>Struct, union and enum specifiers of a translation unit: tags, member lists and enumerator lists.</summary>
internal sealed partial class CDeclarationParser
{
    /// <summary>
    /// Reads <c>struct/union/enum [attributes] [tag] [{ ... }] [attributes]</c> from the keyword; returns the tag (a synthetic
    /// one for an anonymous definition) and, for anonymous definitions, the full spelling.
    /// </summary>
    private (string Tag, string? Spelling) ParseTagSpecifier(string keyword)
    {
        var unit = _unit!;
        var keywordToken = Current;
        _position++;
        var outer = unit.Attributes;
        unit.Attributes = new AttributeSet();
        try
        {
            SkipAttributes();
            string? tag = null;
            if (Current.IsIdentifier && !IsKeyword(Current.Text))
            {
                tag = Current.Text;
                _position++;
            }

            if (keyword == "class" || (unit.Options.IsCpp && Current.Is(":")))
            {
                throw Error(keywordToken, "a C struct, union or enum", SignatureMessages.CppClass);
            }

            var written = keyword == "class" ? "struct" : keyword;
            if (!Current.Is("{"))
            {
                if (tag is null)
                {
                    throw Error("a " + keyword + " tag name or '{'", null);
                }

                return (tag, null);
            }

            var location = unit.Lines.Locate(keywordToken.Offset);
            var spelling = tag is null ? written + " (anonymous at " + location + ")" : null;
            var key = spelling ?? written + " " + tag;
            if (++_nesting > MaxNesting)
            {
                throw Error("at most " + MaxNesting + " nested definitions", "Simplify the declaration.");
            }

            if (written == "enum")
            {
                ParseEnumBody(tag, key, location);
            }
            else
            {
                var members = ParseMemberList();
                SkipAttributes(); // struct s { ... } __attribute__((packed))
                var attributes = unit.Attributes;
                unit.Records.Add(new CRecordDefinition(written == "union" ? CRecordKind.Union : CRecordKind.Struct, tag, key, members,
                    attributes.IsPacked, attributes.AlignmentBytes, location));
            }

            _nesting--;
            return (tag ?? spelling![(written.Length + 1)..], spelling);
        }
        finally
        {
            unit.Attributes = outer;
        }
    }

    private List<CRecordMember> ParseMemberList()
    {
        var unit = _unit!;
        _position++; // '{'
        var members = new List<CRecordMember>();
        var outerSpecifiers = unit.Specifiers;
        try
        {
            while (!Current.Is("}"))
            {
                if (Current.Kind == CTokenKind.End)
                {
                    throw Error("'}' to close the member list", null);
                }

                if (Current.Is(";"))
                {
                    _position++;
                    continue;
                }

                if (Current.Is("_Static_assert") || Current.Is("static_assert"))
                {
                    _position++;
                    _position = Current.Is("(") ? FindClosing(_position, "(", ")") + 1 : _position;
                    continue;
                }

                ParseMemberDeclaration(members);
            }

            _position++; // '}'
            return members;
        }
        finally
        {
            unit.Specifiers = outerSpecifiers;
        }
    }

    private void ParseMemberDeclaration(List<CRecordMember> members)
    {
        var unit = _unit!;
        unit.Specifiers = new DeclarationSpecifiers();
        var outer = unit.Attributes;
        unit.Attributes = new AttributeSet();
        var baseType = ParseSpecifiers(Context.Member);
        var specifierAttributes = unit.Attributes;
        if (Current.Is(";"))
        {
            // An anonymous struct or union member (C11): its members are reached as if they were the outer record's.
            if (baseType.Base is { Kind: CTypeKind.Struct } record && record.Spelling.Contains("(anonymous at ", StringComparison.Ordinal))
            {
                members.Add(new CRecordMember(null, record, null, [], specifierAttributes.AlignmentBytes, specifierAttributes.IsPacked));
            }

            _position++;
            unit.Attributes = outer;
            return;
        }

        while (true)
        {
            unit.Attributes = specifierAttributes.Copy();
            string? name = null;
            CType type;
            IReadOnlyList<long?> bounds = [];
            if (Current.Is(":"))
            {
                type = baseType.Base!; // An unnamed bitfield: int :32;
            }
            else
            {
                (var declarator, name) = ParseDeclarator(baseType, Context.Member);
                SkipTrailingSpecifiers();
                (type, bounds, var isFunction) = ToDeclaredType(declarator);
                if (isFunction)
                {
                    throw Error("a member", SignatureMessages.MemberFunction(name ?? string.Empty));
                }

                type = ApplyMode(type, unit.Attributes.Mode);
            }

            int? width = null;
            if (Current.Is(":"))
            {
                _position++;
                var begin = _position;
                SkipExpression();
                width = (int?)TryEvaluate(begin, _position);
            }

            SkipTrailingSpecifiers();
            var attributes = unit.Attributes;
            members.Add(new CRecordMember(name, type, width, bounds, attributes.AlignmentBytes, attributes.IsPacked));
            if (Current.Is(","))
            {
                _position++;
                continue;
            }

            if (Current.Is(";"))
            {
                _position++;
                break;
            }

            throw Error("',' or ';' after a member", null);
        }

        unit.Attributes = outer;
    }

    private void ParseEnumBody(string? tag, string key, CSourceLocation location)
    {
        var unit = _unit!;
        _position++; // '{'
        var constants = new List<CEnumConstant>();
        long next = 0;
        string? unknown = null;
        while (!Current.Is("}"))
        {
            if (!Current.IsIdentifier)
            {
                throw Error("an enumerator name", Current.Kind == CTokenKind.End ? "The enum's '{' has no matching '}'." : null);
            }

            var name = Current.Text;
            _position++;
            SkipAttributes(); // E __attribute__((deprecated)) = 1
            CEnumConstant constant;
            if (Current.Is("="))
            {
                _position++;
                var begin = _position;
                SkipExpression();
                var (value, reason) = Evaluate(begin, _position);
                constant = new CEnumConstant(name, value, reason);
                unknown = value is null ? name : null;
            }
            else
            {
                constant = unknown is null ? new CEnumConstant(name, next, null) : new CEnumConstant(name, null, SignatureMessages.FollowsUnknown(unknown));
            }

            if (constant.Value is { } known)
            {
                next = unchecked(known + 1);
            }
            else
            {
                unknown ??= name;
            }

            constants.Add(constant);
            unit.EnumConstants[name] = constant;
            if (Current.Is(","))
            {
                _position++;
            }
            else if (!Current.Is("}"))
            {
                throw Error("',' or '}' after the enumerator '" + name + "'", null);
            }
        }

        _position++; // '}'
        unit.Attributes.IsPacked = false;
        SkipAttributes();
        var values = constants.Where(c => c.Value is not null).Select(c => c.Value!.Value).ToList();
        var kind = unit.Attributes.IsPacked ? CTypeKind.Int32 : EnumKind(values);
        unit.SetEnumKind(key, kind);
        unit.Enums.Add(new CEnumDefinition(tag, constants, location));
    }

    /// <summary>GCC's choice of an enum's type: int when every value fits, else unsigned int, long, unsigned long.</summary>
    private static CTypeKind EnumKind(List<long> values)
    {
        if (values.Count == 0)
        {
            return CTypeKind.Int32;
        }

        long min = values.Min(), max = values.Max();
        if (min >= int.MinValue && max <= int.MaxValue)
        {
            return CTypeKind.Int32;
        }

        if (min >= 0 && max <= uint.MaxValue)
        {
            return CTypeKind.UInt32;
        }

        return min < 0 ? CTypeKind.Int64 : CTypeKind.UInt64;
    }

    /// <summary>Moves to the ',' ';' '}' or ')' that ends an expression at depth 0.</summary>
    private void SkipExpression()
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
                if (depth-- == 0)
                {
                    return;
                }
            }
            else if (depth == 0 && (Current.Is(",") || Current.Is(";")))
            {
                return;
            }
            else if (depth == 0 && Current.IsIdentifier && Current.Text is "__attribute__" or "__attribute")
            {
                return;
            }

            _position++;
        }
    }
}
