namespace Relaxnative.Signatures;

/// <summary>Declaration specifiers: the base type words in any legal order, qualifiers, attributes.</summary>
internal sealed partial class CDeclarationParser
{
    private CDeclarator ParseSpecifiers(Context context)
    {
        var start = Current;
        var isConst = false;
        var words = new TypeWords();
        CToken? last = null;
        while (true)
        {
            var token = Current;
            if (token.Kind != CTokenKind.Identifier)
            {
                if (token.Is("[") && _tokens[_position + 1].Is("["))
                {
                    // A C23 / C++11 attribute: [[nodiscard]], [[gnu::visibility("default")]].
                    _position = FindClosing(_position, "[", "]") + 1;
                    continue;
                }

                break;
            }

            var text = token.Text;
            if (text is "const" or "__const")
            {
                isConst = true;
                _position++;
            }
            else if (_unit is not null && _unit.ReadStorage(text))
            {
                _position++;
            }
            else if (_unit is not null && (text is "struct" or "union" or "enum" || (text == "class" && _unit.Options.IsCpp)))
            {
                var (tag, spelling) = ParseTagSpecifier(text);
                words.Add(this, token, text);
                words.TagName = tag;
                words.TagSpelling = spelling;
                last = token;
            }
            else if (_unit is not null && ((!words.Any && IsUnsupportedTypeOperator(text)) || (text == "_Atomic" && _tokens[_position + 1].Is("("))))
            {
                throw Error(token, "a type", SignatureMessages.UnsupportedTypeOperator(text));
            }
            else if (IsIgnoredSpecifier(text))
            {
                _position++;
            }
            else if (IsAttributeKeyword(text))
            {
                SkipAttribute();
            }
            else if (text == "typedef")
            {
                throw Error("a function declaration", "A typedef declares a type, not a function; pass the function's declaration.");
            }
            else if (text is "struct" or "union" or "enum" || (text == "class" && _unit is not { Options.IsCpp: false }))
            {
                _position++;
                SkipAttributes();
                if (!Current.IsIdentifier || IsKeyword(Current.Text))
                {
                    throw Error("a " + text + " tag name after '" + text + "'", Current.Is("{")
                        ? "Define the " + text + " separately and refer to it as '" + text + " name'."
                        : null);
                }

                words.Add(this, token, text);
                words.TagName = Current.Text;
                last = Current;
                _position++;
                if (Current.Is("{"))
                {
                    throw Error("a declarator", "Define the " + text + " separately and refer to it as '" + text + " " + words.TagName + "'.");
                }
            }
            else if (TypeWords.IsTypeKeyword(text))
            {
                words.Add(this, token, text);
                last = token;
                _position++;
            }
            else if (IsKeyword(text))
            {
                break;
            }
            else if (_unit is not null)
            {
                // After preprocessing every type name was declared before use: an identifier is a type only when
                // the scope says it is a typedef name, and only before any other type word.
                if (words.IsComplexOnly && _unit.IsTypedefName(text))
                {
                    words.ComplexBase = text; // _Complex _Float32
                    _position++;
                    continue;
                }

                if (words.Any)
                {
                    break;
                }

                if (!_unit.IsTypedefName(text))
                {
                    var cpp = _tokens[_position + 1].Is("::") || _tokens[_position + 1].Is("<");
                    throw cpp
                        ? Error(_tokens[_position + 1], "a C type", "C++ types (namespaces, templates, classes) cannot cross a C ABI; use C types or pointers.")
                        : Error(token, "a type", SignatureMessages.UnknownTypeName(text));
                }

                words.TypedefName = text;
                last = token;
                _position++;
            }
            else if (!words.Any)
            {
                if (IsExportMacro(_position))
                {
                    _position++;
                    continue;
                }

                if (_tokens[_position + 1].Is("::") || _tokens[_position + 1].Is("<"))
                {
                    throw Error(_tokens[_position + 1], "a C type", "C++ types (namespaces, templates, classes) cannot cross a C ABI; use C types or pointers.");
                }

                words.TypedefName = text;
                last = token;
                _position++;
            }
            else
            {
                break; // A name: 'int interval', 'uint32_t size_int'.
            }
        }

        if (!words.Any)
        {
            var expected = context switch
            {
                Context.Return => "a return type",
                Context.Parameter => "a parameter type",
                Context.Member => "a member type",
                _ => "a type",
            };
            throw Error(expected, Current.Kind == CTokenKind.End && context == Context.Parameter ? UnbalancedHint : null);
        }

        var (baseType, isUnknown) = words.Resolve(this, last ?? start, isConst);
        var isFunctionType = words.TypedefName is { } typedefName && _unit is not null && _unit.IsFunctionTypedef(typedefName);
        return new CDeclarator { Kind = CDeclaratorKind.Base, Offset = start.Offset, Base = baseType, IsUnknownName = isUnknown, IsFunctionType = isFunctionType };
    }

    /// <summary>
    /// An ALL-CAPS identifier followed by more type words is an export or calling-convention macro
    /// (<c>EXPORT int f</c>, <c>API Foo* make</c>); a lone ALL-CAPS name (<c>FILE* f</c>) is a type.
    /// </summary>
    private bool IsExportMacro(int index)
    {
        if (!CTypeNames.IsAllCapsMacro(_tokens[index].Text))
        {
            return false;
        }

        var next = _tokens[index + 1];
        if (!next.IsIdentifier)
        {
            return false;
        }

        if (IsKeyword(next.Text) || CTypeNames.IsKnownTypeName(next.Text))
        {
            return true;
        }

        var after = _tokens[index + 2];
        return after.IsIdentifier || after.Is("*");
    }

    private static bool IsIgnoredSpecifier(string text) => text is "volatile" or "__volatile__" or "restrict" or "__restrict"
        or "__restrict__" or "_Atomic" or "extern" or "static" or "inline" or "__inline" or "__inline__" or "register"
        or "auto" or "_Noreturn" or "__extension__" or "_Thread_local" or "thread_local" or "__cdecl" or "__stdcall"
        or "__fastcall" or "__thiscall" or "__vectorcall" or "_Nonnull" or "_Nullable" or "_Null_unspecified"
        or "__nonnull" or "__nullable" or "constexpr";

    private static bool IsAttributeKeyword(string text) => text is "__attribute__" or "__attribute" or "__declspec"
        or "__asm__" or "__asm" or "asm" or "_Alignas" or "alignas" or "__extension__";

    private static bool IsUnsupportedTypeOperator(string text) => text is "typeof" or "__typeof__" or "__typeof" or "typeof_unqual"
        or "__typeof_unqual__" or "__auto_type" or "decltype" or "auto";

    private void SkipAttribute()
    {
        var keyword = _position;
        _position++;
        if (Current.Is("("))
        {
            var open = _position;
            _position = FindClosing(_position, "(", ")") + 1;
            _unit?.Attributes.Read(this, _tokens, keyword, open, _position - 1);
        }
    }

    private void SkipAttributes()
    {
        while (Current.IsIdentifier && IsAttributeKeyword(Current.Text))
        {
            SkipAttribute();
        }
    }

    /// <summary>Skips what may sit between '*'s and the name: attributes, calling conventions, export macros.</summary>
    private void SkipDeclaratorNoise()
    {
        while (Current.IsIdentifier)
        {
            var text = Current.Text;
            if (IsAttributeKeyword(text))
            {
                SkipAttribute();
            }
            else if (text is "__cdecl" or "__stdcall" or "__fastcall" or "__thiscall" or "__vectorcall")
            {
                _position++;
            }
            else if (_unit is null && CTypeNames.IsAllCapsMacro(text) && _tokens[_position + 1].IsIdentifier && !IsKeyword(text))
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private bool ParsePointerQualifiers()
    {
        var isConst = false;
        while (Current.IsIdentifier)
        {
            var text = Current.Text;
            if (text is "const" or "__const")
            {
                isConst = true;
                _position++;
            }
            else if (text is "volatile" or "__volatile__" or "restrict" or "__restrict" or "__restrict__" or "_Atomic"
                or "_Nonnull" or "_Nullable" or "_Null_unspecified" or "__nonnull" or "__nullable")
            {
                _position++;
            }
            else if (IsAttributeKeyword(text))
            {
                SkipAttribute();
            }
            else
            {
                break;
            }
        }

        return isConst;
    }

    /// <summary>Skips what may follow a function's parameter list: attributes, asm labels, noexcept, throw().</summary>
    private void SkipTrailingSpecifiers()
    {
        while (true)
        {
            if (Current.IsIdentifier && (IsAttributeKeyword(Current.Text) || Current.Text is "noexcept" or "throw"))
            {
                SkipAttribute();
            }
            else if (Current.Is("[") && _tokens[_position + 1].Is("["))
            {
                _position = FindClosing(_position, "[", "]") + 1;
            }
            else
            {
                return;
            }
        }
    }
}
