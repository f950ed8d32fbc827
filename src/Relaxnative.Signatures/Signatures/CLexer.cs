namespace Relaxnative.Signatures;

/// <summary>
/// Splits C text into tokens. Never throws: characters it does not understand become
/// <see cref="CTokenKind.Invalid"/> tokens, and unterminated literals run to the end of the text,
/// so that the parser can report them with a column.
/// </summary>
internal static class CLexer
{
    private static readonly string[] s_punctuators = ["...", "::", "->"];

    /// <summary>Tokenizes <paramref name="text"/>, skipping whitespace and comments; the list ends with an End token.</summary>
    public static List<CToken> Tokenize(string text)
    {
        var tokens = new List<CToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
            }
            else if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }

                tokens.Add(new CToken(CTokenKind.Identifier, text[start..i], start));
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '\''))
                {
                    i++;
                }

                tokens.Add(new CToken(CTokenKind.Number, text[start..i], start));
            }
            else if (c is '"' or '\'')
            {
                var start = i;
                i = SkipLiteral(text, i);
                tokens.Add(new CToken(c == '"' ? CTokenKind.String : CTokenKind.Character, text[start..i], start));
            }
            else
            {
                tokens.Add(ReadPunctuator(text, ref i));
            }
        }

        tokens.Add(new CToken(CTokenKind.End, string.Empty, text.Length));
        return tokens;
    }

    /// <summary>Returns the index just past the string or character literal that starts at <paramref name="start"/>.</summary>
    public static int SkipLiteral(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length && text[i] != quote && text[i] != '\n')
        {
            i += text[i] == '\\' ? 2 : 1;
        }

        return Math.Min(i + 1, text.Length);
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private static CToken ReadPunctuator(string text, ref int i) => ReadPunctuator(text, ref i, s_punctuators);

    /// <summary>Reads the longest of <paramref name="punctuators"/> at <paramref name="i"/>, else one character.</summary>
    internal static CToken ReadPunctuator(string text, ref int i, string[] punctuators)
    {
        foreach (var punctuator in punctuators)
        {
            if (string.CompareOrdinal(text, i, punctuator, 0, punctuator.Length) == 0)
            {
                var token = new CToken(CTokenKind.Punctuator, punctuator, i);
                i += punctuator.Length;
                return token;
            }
        }

        var c = text[i];
        var kind = "()[]{},;*&<>=:.+-~!%^|?#/".Contains(c, StringComparison.Ordinal) ? CTokenKind.Punctuator : CTokenKind.Invalid;
        i++;
        return new CToken(kind, c.ToString(), i - 1);
    }
}
