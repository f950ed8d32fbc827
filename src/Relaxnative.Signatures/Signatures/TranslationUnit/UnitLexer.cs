namespace Relaxnative.Signatures;

/// <summary>
/// Splits preprocessed text into tokens in one pass, consuming directive lines: line markers
/// (<c># N "file" flags</c>, <c>#line N "file"</c>) are recorded in a <see cref="LineMap"/>, other directives that survive
/// preprocessing (<c>#pragma</c>, <c>#ident</c>) are skipped. Identifiers are interned. Never throws.
/// </summary>
internal static class UnitLexer
{
    private static readonly string[] s_punctuators = ["...", "<<=", ">>=", "::", "->", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "++", "--"];

    public static (List<CToken> Tokens, LineMap Lines) Tokenize(string text, string defaultFile)
    {
        var tokens = new List<CToken>(text.Length / 6);
        var lines = new LineMap(text, defaultFile);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lookup = names.GetAlternateLookup<ReadOnlySpan<char>>();
        var lineStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                lineStart = true;
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#' && lineStart)
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                lines.ReadDirective(text.AsSpan(i + 1, end - i - 1), end);
                i = end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                i = end < 0 ? text.Length : end;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                lineStart = false;
            }
            else
            {
                lineStart = false;
                if (CLexer.IsIdentifierStart(c))
                {
                    var start = i;
                    while (i < text.Length && CLexer.IsIdentifierPart(text[i]))
                    {
                        i++;
                    }

                    var span = text.AsSpan(start, i - start);
                    if (!lookup.TryGetValue(span, out var name))
                    {
                        name = span.ToString();
                        lookup.Add(name);
                    }

                    tokens.Add(new CToken(CTokenKind.Identifier, name, start));
                }
                else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '\''
                        || (text[i] is '+' or '-' && text[i - 1] is 'e' or 'E' or 'p' or 'P' && !IsHex(text, start))))
                    {
                        i++;
                    }

                    tokens.Add(new CToken(CTokenKind.Number, text[start..i], start));
                }
                else if (c is '"' or '\'')
                {
                    var start = i;
                    i = CLexer.SkipLiteral(text, i);
                    tokens.Add(new CToken(c == '"' ? CTokenKind.String : CTokenKind.Character, text[start..i], start));
                }
                else
                {
                    tokens.Add(ReadPunctuator(text, ref i));
                }
            }
        }

        tokens.Add(new CToken(CTokenKind.End, string.Empty, text.Length));
        return (tokens, lines);
    }

    private static bool IsHex(string text, int start) =>
        start + 1 < text.Length && text[start] == '0' && text[start + 1] is 'x' or 'X';

    private static CToken ReadPunctuator(string text, ref int i) => CLexer.ReadPunctuator(text, ref i, s_punctuators);
}
