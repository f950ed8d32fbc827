namespace Relaxnative.Signatures;

/// <summary>One pass of the Rust source scanner over one file.</summary>
internal sealed class RustScan
{
    private readonly string _text;
    private readonly List<SourceComment> _comments;
    private readonly List<CToken> _tokens;
    private readonly List<int> _lineStarts;

    public RustScan(string text)
    {
        _text = text;
        string masked;
        (masked, _comments) = SourceMasker.Mask(text, isRust: true);
        _tokens = CLexer.Tokenize(masked);
        _lineStarts = SourceScanner.LineStarts(text);
    }

    public List<ScannedFunction> Functions { get; } = [];

    public List<SkippedFunction> Skipped { get; } = [];

    public void Run()
    {
        var i = 0;
        while (_tokens[i].Kind != CTokenKind.End)
        {
            if (_tokens[i].Is("fn") && _tokens[i + 1].IsIdentifier)
            {
                i = ReadFunction(i);
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Reads the item whose 'fn' keyword is at <paramref name="fn"/>; returns the index after it.</summary>
    private int ReadFunction(int fn)
    {
        var name = _tokens[fn + 1].Text;
        var start = ItemStart(fn);
        var hasNoMangle = false;
        string? abi = null;
        for (var k = start; k < fn; k++)
        {
            var t = _tokens[k];
            hasNoMangle |= t.Is("no_mangle");
            if (t.Is("export_name") && _tokens[k + 1].Is("=") && _tokens[k + 2].Kind == CTokenKind.String)
            {
                hasNoMangle = true;
                name = _tokens[k + 2].Text.Trim('"');
            }

            if (t.Is("extern"))
            {
                abi = _tokens[k + 1].Kind == CTokenKind.String ? _tokens[k + 1].Text.Trim('"') : "C";
            }
        }

        // Find the body or the ';' of a declaration without one.
        var open = fn + 2;
        var bodyStart = -1;
        for (var k = open; _tokens[k].Kind != CTokenKind.End; k++)
        {
            if (_tokens[k].Is("("))
            {
                k = SourceScanner.MatchForward(_tokens, k, "(", ")");
                if (_tokens[k].Kind == CTokenKind.End)
                {
                    break;
                }
            }
            else if (_tokens[k].Is("{"))
            {
                bodyStart = k;
                break;
            }
            else if (_tokens[k].Is(";") || _tokens[k].Is("}"))
            {
                return k;
            }
        }

        if (bodyStart < 0)
        {
            return _tokens.Count - 1;
        }

        var next = Math.Min(SourceScanner.MatchForward(_tokens, bodyStart, "{", "}") + 1, _tokens.Count - 1);
        if (!hasNoMangle)
        {
            return next;
        }

        var reason = abi is null or not ("C" or "C-unwind" or "system" or "system-unwind")
            ? SignatureMessages.RustAbi(name)
            : null;
        reason ??= _tokens[open].Is("<") ? SignatureMessages.RustGeneric(name) : null;
        var annotations = Annotations.For(_text, _comments, _tokens[start].Offset, _tokens[bodyStart].Offset, name);
        reason ??= annotations.Problem;
        CFunctionSignature? signature = null;
        if (reason is null)
        {
            (signature, reason) = ReadSignature(name, open, bodyStart);
        }

        if (reason is not null)
        {
            Skipped.Add(new SkippedFunction(name, reason));
        }
        else
        {
            var line = SourceScanner.LineOf(_lineStarts, _tokens[start].Offset);
            Functions.Add(new ScannedFunction(signature!, annotations.Mode, annotations.Cost, annotations.IsTrivial, line));
        }

        return next;
    }

    /// <summary>Walks back from 'fn' over qualifiers (pub, unsafe, extern "C") and attributes (#[...]).</summary>
    private int ItemStart(int fn)
    {
        var start = fn;
        var k = fn - 1;
        while (k >= 0)
        {
            var t = _tokens[k];
            if (t.Is("pub") || t.Is("unsafe") || t.Is("extern") || t.Is("const") || t.Is("async") || t.Is("default")
                || (t.Kind == CTokenKind.String && k > 0 && _tokens[k - 1].Is("extern")))
            {
                start = k--;
            }
            else if (t.Is(")") && SourceScanner.MatchBackward(_tokens, k, 0, "(", ")") is var open and > 0 && _tokens[open - 1].Is("pub"))
            {
                start = open - 1;
                k = open - 2;
            }
            else if (t.Is("]") && SourceScanner.MatchBackward(_tokens, k, 0, "[", "]") is var bracket and > 0 && _tokens[bracket - 1].Is("#"))
            {
                start = bracket - 1;
                k = bracket - 2;
            }
            else
            {
                break;
            }
        }

        return start;
    }

    private (CFunctionSignature? Signature, string? Reason) ReadSignature(string name, int open, int bodyStart)
    {
        var close = SourceScanner.MatchForward(_tokens, open, "(", ")");
        var parameters = new List<CParameter>();
        var isVariadic = false;
        var k = open + 1;
        while (k < close)
        {
            var end = k;
            var depth = 0;
            while (end < close && !(depth == 0 && _tokens[end].Is(",")))
            {
                depth += _tokens[end].Text switch { "(" or "[" or "<" => 1, ")" or "]" or ">" => -1, _ => 0 };
                end++;
            }

            if (_tokens[k].Is("..."))
            {
                isVariadic = true;
                k = end + 1;
                continue;
            }

            var pattern = k;
            if (_tokens[pattern].Is("mut"))
            {
                pattern++;
            }

            if (!_tokens[pattern].IsIdentifier || _tokens[pattern].Text is "self" or "Self" || pattern + 1 >= end || !_tokens[pattern + 1].Is(":"))
            {
                return (null, SignatureMessages.RustUnsupportedParameter(name, Text(k, end)));
            }

            var type = RustTypeParser.Parse(_tokens, pattern + 2, end);
            if (type is null || type.Kind == CTypeKind.Void)
            {
                return (null, SignatureMessages.RustUnsupportedType(name, Text(pattern + 2, end)));
            }

            var parameterName = _tokens[pattern].Text == "_" ? null : _tokens[pattern].Text;
            parameters.Add(new CParameter(parameters.Count, parameterName, type));
            k = end + 1;
        }

        var returnType = CType.Scalar(CTypeKind.Void);
        var after = close + 1;
        if (after < bodyStart && _tokens[after].Is("->"))
        {
            var end = after + 1;
            while (end < bodyStart && !_tokens[end].Is("where"))
            {
                end++;
            }

            var parsed = RustTypeParser.Parse(_tokens, after + 1, end);
            if (parsed is null)
            {
                return (null, SignatureMessages.RustUnsupportedType(name, Text(after + 1, end)));
            }

            returnType = parsed;
        }

        return (new CFunctionSignature(name, returnType, parameters, isVariadic), null);
    }

    private string Text(int start, int end) =>
        start >= end || end > _tokens.Count ? string.Empty : SourceScanner.CollapseWhitespace(_text.AsSpan(_tokens[start].Offset, _tokens[end - 1].End - _tokens[start].Offset));
}
