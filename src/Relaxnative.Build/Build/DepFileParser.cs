using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Reads Makefile-style dependency files written by <c>gcc -MD -MF</c>, <c>clang</c> and
/// <c>rustc --emit dep-info</c>: the files a compile actually read.
/// </summary>
internal static class DepFileParser
{
    /// <summary>Returns every prerequisite named in <paramref name="text"/>, in order, without duplicates.</summary>
    /// <remarks>
    /// Handles backslash-newline continuations, <c>\ </c> (escaped space), <c>\#</c>, <c>$$</c>, comment lines
    /// (rustc writes <c># env-dep:</c>) and several rules per file (rustc adds an empty rule per input).
    /// Paths are returned as written; relative ones are relative to the compiler's working directory.
    /// </remarks>
    public static IReadOnlyList<string> Parse(string text)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var logical = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (var line in logical.Split('\n'))
        {
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var tokens = Tokenize(line);
            var colon = tokens.FindIndex(t => t.IsRuleSeparator);
            if (colon < 0)
            {
                continue;
            }

            foreach (var token in tokens.Skip(colon + 1))
            {
                if (!token.IsRuleSeparator && seen.Add(token.Text))
                {
                    result.Add(token.Text);
                }
            }
        }

        return result;
    }

    private static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        var current = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is ' ' or '#' or '\\')
            {
                current.Append(line[++i]);
            }
            else if (c == '$' && i + 1 < line.Length && line[i + 1] == '$')
            {
                current.Append('$');
                i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                Flush(tokens, current);
            }
            else if (c == ':' && (i + 1 == line.Length || char.IsWhiteSpace(line[i + 1])) && !IsDriveLetter(current))
            {
                // The rule separator is a colon followed by whitespace or the line end; "C:" of a
                // Windows drive is part of a path.
                Flush(tokens, current);
                tokens.Add(new Token(":", IsRuleSeparator: true));
            }
            else
            {
                current.Append(c);
            }
        }

        Flush(tokens, current);
        return tokens;
    }

    private static bool IsDriveLetter(StringBuilder current) => current.Length == 1 && char.IsAsciiLetter(current[0]) && OperatingSystem.IsWindows();

    private static void Flush(List<Token> tokens, StringBuilder current)
    {
        if (current.Length > 0)
        {
            tokens.Add(new Token(current.ToString(), IsRuleSeparator: false));
            current.Clear();
        }
    }

    private readonly record struct Token(string Text, bool IsRuleSeparator);
}
