namespace Relaxnative.Signatures;

/// <summary>One pass of the C/C++ source scanner over one file.</summary>
internal sealed class CScan
{
    private readonly string _text;
    private readonly bool _isCpp;
    private readonly string _masked;
    private readonly List<SourceComment> _comments;
    private readonly List<CToken> _tokens;
    private readonly List<int> _lineStarts;

    public CScan(string text, bool isCpp)
    {
        _text = text;
        _isCpp = isCpp;
        (_masked, _comments) = SourceMasker.Mask(text, isRust: false);
        _tokens = CLexer.Tokenize(_masked);
        _lineStarts = SourceScanner.LineStarts(text);
    }

    public List<ScannedFunction> Functions { get; } = [];

    public List<SkippedFunction> Skipped { get; } = [];

    public void Run()
    {
        // Each open brace that does not start a body is a linkage block (extern "C" { }) or a namespace;
        // the stack holds whether code inside has C linkage.
        var linkage = new Stack<bool>();
        var statementStart = 0;
        var i = 0;
        while (_tokens[i].Kind != CTokenKind.End)
        {
            var token = _tokens[i];
            if (token.Is(";"))
            {
                statementStart = ++i;
            }
            else if (token.Is("}"))
            {
                linkage.TryPop(out _);
                statementStart = ++i;
            }
            else if (token.Is("(") || token.Is("["))
            {
                i = SourceScanner.MatchForward(_tokens, i, token.Text, token.Text == "(" ? ")" : "]") + 1;
                i = Math.Min(i, _tokens.Count - 1);
            }
            else if (token.Is("{"))
            {
                var isC = linkage.Count > 0 ? linkage.Peek() : !_isCpp;
                var block = ClassifyBlock(statementStart, i, isC);
                if (block is { } blockLinkage)
                {
                    linkage.Push(blockLinkage);
                    statementStart = ++i;
                    continue;
                }

                TryDefinition(statementStart, i, isC);
                i = Math.Min(SourceScanner.MatchForward(_tokens, i, "{", "}") + 1, _tokens.Count - 1);
                statementStart = i;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>For <c>extern "C" {</c>, <c>extern "C++" {</c> and <c>namespace x {</c>, the linkage inside; otherwise null.</summary>
    private bool? ClassifyBlock(int start, int brace, bool isC)
    {
        var count = brace - start;
        if (count == 2 && _tokens[start].Is("extern") && _tokens[start + 1].Kind == CTokenKind.String)
        {
            return _tokens[start + 1].Text.Trim('"').Trim() == "C";
        }

        var first = start < brace && _tokens[start].Is("inline") ? start + 1 : start;
        if (first < brace && _tokens[first].Is("namespace"))
        {
            for (var i = first + 1; i < brace; i++)
            {
                if (!_tokens[i].IsIdentifier && !_tokens[i].Is("::"))
                {
                    return null;
                }
            }

            return isC;
        }

        return null;
    }

    private void TryDefinition(int start, int brace, bool isC)
    {
        // Trailing parts after the parameter list: const, noexcept, attributes, throw().
        var end = brace - 1;
        while (end >= start)
        {
            var token = _tokens[end];
            if (token.IsIdentifier && token.Text is "const" or "noexcept" or "override" or "final" or "volatile" or "try")
            {
                end--;
            }
            else if (token.Is(")") && SourceScanner.MatchBackward(_tokens, end, start, "(", ")") is var open and > 0
                && _tokens[open - 1].IsIdentifier && _tokens[open - 1].Text is "__attribute__" or "__attribute" or "throw" or "noexcept" or "__asm__" or "__asm" or "asm")
            {
                end = open - 2;
            }
            else
            {
                break;
            }
        }

        if (end <= start || !_tokens[end].Is(")"))
        {
            return; // A struct, enum, class or initializer body, or something this scanner does not read.
        }

        var parameters = SourceScanner.MatchBackward(_tokens, end, start, "(", ")");
        if (parameters <= start)
        {
            return;
        }

        for (var k = start; k < parameters; k++)
        {
            var t = _tokens[k];
            if (t.Is("=") || t.Is("~") || t.Is("operator") || t.Is("template") || t.Is("typedef")
                || t.Is("friend") || t.Is("virtual") || (t.Is("::") && k == parameters - 2))
            {
                return; // Initializers, members, operators, templates: not free functions.
            }
        }

        var nameIndex = parameters - 1;
        if (_tokens[nameIndex].Is(")"))
        {
            // A function returning a function pointer: int (*name(args))(int).
            var inner = SourceScanner.MatchBackward(_tokens, nameIndex, start, "(", ")");
            nameIndex = -1;
            for (var k = inner + 1; k > 0 && k < parameters - 1; k++)
            {
                if (_tokens[k].IsIdentifier && _tokens[k + 1].Is("("))
                {
                    nameIndex = k;
                    break;
                }
            }

            if (nameIndex < 0)
            {
                return;
            }

            start = Math.Max(start, SkipLeadingMacroCalls(start, inner));
        }
        else
        {
            start = SkipLeadingMacroCalls(start, nameIndex);
        }

        var nameToken = _tokens[nameIndex];
        if (!nameToken.IsIdentifier || CTypeNames.IsKeyword(nameToken.Text) || nameIndex == start)
        {
            return; // A macro invocation or statement block, not a definition with a return type.
        }

        var name = nameToken.Text;
        var hasExternC = false;
        var isInline = false;
        var isExtern = false;
        for (var k = start; k < nameIndex; k++)
        {
            var t = _tokens[k];
            if (t.Is("static"))
            {
                return; // Internal linkage: a helper, never exported.
            }

            isInline |= t.Is("inline") || t.Is("__inline") || t.Is("__inline__");
            isExtern |= t.Is("extern");
            hasExternC |= t.Is("extern") && _tokens[k + 1].Kind == CTokenKind.String && _tokens[k + 1].Text.Trim('"').Trim() == "C";
        }

        var declarationEnd = _tokens[end].End;
        var declarationStart = _tokens[start].Offset;
        var declarationText = _masked[declarationStart..declarationEnd];
        if (declarationText.Contains("visibility", StringComparison.Ordinal) && declarationText.Contains("hidden", StringComparison.Ordinal))
        {
            Skipped.Add(new SkippedFunction(name, SignatureMessages.HiddenVisibility(name)));
            return;
        }

        if (_isCpp && !isC && !hasExternC)
        {
            Skipped.Add(new SkippedFunction(name, SignatureMessages.CppMangled));
            return;
        }

        if (isInline && !isExtern)
        {
            Skipped.Add(new SkippedFunction(name, SignatureMessages.InlineWithoutExtern(name)));
            return;
        }

        var annotations = Annotations.For(_text, _comments, declarationStart, _tokens[brace].Offset, name);
        if (annotations.Problem is not null)
        {
            Skipped.Add(new SkippedFunction(name, annotations.Problem));
            return;
        }

        // 'extern "C"' is not C; drop it (the string's letters survive masking) before parsing.
        var declaration = SourceScanner.CollapseWhitespace(declarationText);
        if (hasExternC)
        {
            declaration = StripExternC(declaration);
        }

        try
        {
            var signature = CDeclarationParser.Parse(declaration);
            var line = SourceScanner.LineOf(_lineStarts, declarationStart);
            Functions.Add(new ScannedFunction(signature, annotations.Mode, annotations.Cost, annotations.IsTrivial, line));
        }
        catch (CParseException error)
        {
            Skipped.Add(new SkippedFunction(name, SignatureMessages.Unparsable(error.Message)));
        }
    }

    /// <summary>Moves past leading macro invocations such as <c>DEFINE_THING(x)</c> that precede the return type.</summary>
    private int SkipLeadingMacroCalls(int start, int limit)
    {
        var result = start;
        for (var k = start; k < limit; k++)
        {
            if (_tokens[k].Is("(") && k > start && _tokens[k - 1].IsIdentifier
                && _tokens[k - 1].Text is not ("__attribute__" or "__attribute" or "__declspec" or "alignas" or "_Alignas" or "__asm__" or "asm"))
            {
                var close = SourceScanner.MatchForward(_tokens, k, "(", ")");
                if (close < limit && CTypeNames.IsAllCapsMacro(_tokens[k - 1].Text))
                {
                    result = close + 1;
                }

                k = close;
            }
        }

        return result;
    }

    private static string StripExternC(string declaration)
    {
        var index = declaration.IndexOf("extern \"C\"", StringComparison.Ordinal);
        return index < 0 ? declaration : declaration.Remove(index, "extern \"C\"".Length);
    }
}
