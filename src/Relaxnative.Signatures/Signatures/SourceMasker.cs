namespace Relaxnative.Signatures;

/// <summary>
/// Produces a copy of source text, the same length and with the same line breaks, in which comments,
/// preprocessor lines (C) and lifetimes (Rust) are blanked, and literal contents are defused: characters
/// inside string and character literals that could look like structure (<c>{</c>, <c>;</c>, quotes) become
/// spaces, while letters stay, so <c>extern "C"</c> still reads as such. Comments are returned separately.
/// </summary>
internal static class SourceMasker
{
    public static (string Masked, List<SourceComment> Comments) Mask(string text, bool isRust)
    {
        var masked = text.ToCharArray();
        var comments = new List<SourceComment>();
        var lineStart = true;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                var end = text.IndexOf('\n', i);
                end = end < 0 ? text.Length : end;
                comments.Add(new SourceComment(i, end, text[i..end]));
                Blank(masked, i, end);
                i = end;
            }
            else if (c == '/' && next == '*')
            {
                var end = SkipBlockComment(text, i, isRust);
                comments.Add(new SourceComment(i, end, text[i..end]));
                Blank(masked, i, end);
                i = end;
            }
            else if (c == '#' && lineStart && !isRust)
            {
                var end = SkipDirective(text, i);
                if (IsIfZero(text.AsSpan(i, end - i)))
                {
                    end = SkipDisabledRegion(text, end);
                }

                Blank(masked, i, end);
                i = end;
            }
            else if (c == '"')
            {
                var end = SkipString(text, i, isRust);
                Defuse(masked, i + 1, Math.Max(i + 1, end - 1));
                i = end;
            }
            else if (c == '\'')
            {
                var end = SkipQuote(text, i, isRust);
                if (end < 0)
                {
                    // A Rust lifetime ('a, 'static): no ABI meaning, so blank it.
                    var stop = i + 1;
                    while (stop < text.Length && CLexer.IsIdentifierPart(text[stop]))
                    {
                        stop++;
                    }

                    Blank(masked, i, stop);
                    i = stop;
                }
                else
                {
                    Defuse(masked, i + 1, Math.Max(i + 1, end - 1));
                    i = end;
                }
            }
            else
            {
                i++;
            }

            if (c == '\n')
            {
                lineStart = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                lineStart = false;
            }
        }

        return (new string(masked), comments);
    }

    private static bool IsIfZero(ReadOnlySpan<char> directive)
    {
        var rest = directive[1..].TrimStart();
        if (!rest.StartsWith("if", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[2..];
        return rest.Length > 0 && char.IsWhiteSpace(rest[0]) && rest.Trim() is "0";
    }

    /// <summary>
    /// After <c>#if 0</c>, returns the offset where the disabled region ends: the start of the matching
    /// <c>#else</c>, <c>#elif</c> or <c>#endif</c> line (which is then read as an ordinary directive).
    /// </summary>
    private static int SkipDisabledRegion(string text, int start)
    {
        var depth = 0;
        var lineStart = start;
        while (lineStart < text.Length)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            lineEnd = lineEnd < 0 ? text.Length : lineEnd;
            var line = text.AsSpan(lineStart, lineEnd - lineStart).Trim();
            if (line.StartsWith("#"))
            {
                var word = line[1..].TrimStart();
                if (word.StartsWith("if", StringComparison.Ordinal))
                {
                    depth++;
                }
                else if (word.StartsWith("endif", StringComparison.Ordinal) || word.StartsWith("el", StringComparison.Ordinal))
                {
                    if (depth == 0)
                    {
                        return lineStart + (text.AsSpan(lineStart).IndexOf('#'));
                    }

                    if (word.StartsWith("endif", StringComparison.Ordinal))
                    {
                        depth--;
                    }
                }
            }

            lineStart = lineEnd + 1;
        }

        return text.Length;
    }

    private static int SkipBlockComment(string text, int start, bool nested)
    {
        var depth = 0;
        var i = start;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                depth = nested ? depth + 1 : 1;
                i += 2;
            }
            else if (text[i] == '*' && i + 1 < text.Length && text[i + 1] == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary>A preprocessor line runs to a newline that is not escaped by '\' and not inside a block comment.</summary>
    private static int SkipDirective(string text, int start)
    {
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length && (text[i + 1] == '\n' || (text[i + 1] == '\r' && i + 2 < text.Length && text[i + 2] == '\n')))
            {
                i += text[i + 1] == '\r' ? 3 : 2;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                i = SkipBlockComment(text, i, nested: false);
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                var end = text.IndexOf('\n', i);
                return end < 0 ? text.Length : end;
            }
            else if (c == '\n')
            {
                return i;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    private static int SkipString(string text, int start, bool isRust)
    {
        // Raw strings: C++ R"delim( ... )delim", Rust r"..." and r#"..."#.
        if (start > 0 && text[start - 1] == 'R' && !isRust)
        {
            var open = text.IndexOf('(', start);
            var newline = text.IndexOf('\n', start);
            if (open > 0 && (newline < 0 || open < newline))
            {
                var terminator = ")" + text[(start + 1)..open] + "\"";
                var end = text.IndexOf(terminator, open, StringComparison.Ordinal);
                return end < 0 ? text.Length : end + terminator.Length;
            }
        }

        if (isRust)
        {
            var hashes = 0;
            var p = start - 1;
            while (p >= 0 && text[p] == '#')
            {
                hashes++;
                p--;
            }

            if (p >= 0 && text[p] == 'r' && (p == 0 || !CLexer.IsIdentifierPart(text[p - 1]) || text[p - 1] == 'b'))
            {
                var terminator = "\"" + new string('#', hashes);
                var end = text.IndexOf(terminator, start + 1, StringComparison.Ordinal);
                return end < 0 ? text.Length : end + terminator.Length;
            }
        }

        var i = start + 1;
        while (i < text.Length && text[i] != '"' && (isRust || text[i] != '\n'))
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    /// <summary>Returns the end of a character literal, or -1 for a Rust lifetime or a C++14 digit separator.</summary>
    private static int SkipQuote(string text, int start, bool isRust)
    {
        if (!isRust && start > 0 && char.IsAsciiHexDigit(text[start - 1]))
        {
            return -1; // 1'000'000
        }

        if (isRust)
        {
            var width = start + 1 < text.Length && char.IsHighSurrogate(text[start + 1]) ? 2 : 1;
            var isChar = start + 1 < text.Length
                && (text[start + 1] == '\\' || (start + 1 + width < text.Length && text[start + 1 + width] == '\''));
            if (!isChar)
            {
                return -1;
            }
        }

        var i = start + 1;
        while (i < text.Length && text[i] != '\'' && text[i] != '\n')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    private static void Blank(char[] masked, int start, int end)
    {
        for (var i = start; i < end && i < masked.Length; i++)
        {
            if (masked[i] is not ('\n' or '\r'))
            {
                masked[i] = ' ';
            }
        }
    }

    private static void Defuse(char[] masked, int start, int end)
    {
        for (var i = start; i < end && i < masked.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(masked[i]) && masked[i] is not ('_' or '\n' or '-' or '.' or '+'))
            {
                masked[i] = ' ';
            }
        }
    }
}
