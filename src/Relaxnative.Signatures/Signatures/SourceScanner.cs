using System.Text;

namespace Relaxnative.Signatures;

/// <summary>
/// Finds exported function definitions and their annotations in whole Rust source files (C and C++ go through the
/// compiler's preprocessor and <see cref="CTranslationUnitParser"/> instead). Pure: works on text only. Never throws for any input (except <see cref="ArgumentNullException"/>);
/// a definition it cannot handle is listed in <see cref="SourceScanResult.Skipped"/> with the reason.
/// Thread-safe.
/// </summary>
internal static partial class SourceScanner
{
    /// <summary>
    /// Scans Rust source for <c>#[no_mangle]</c> (or <c>#[unsafe(no_mangle)]</c>) <c>extern "C"</c> functions
    /// and maps their Rust types to the C model (<c>i32</c> is <c>int32_t</c>, <c>*const c_char</c> is
    /// <c>const char*</c>, <c>Option&lt;extern "C" fn(i32) -&gt; i32&gt;</c> is a function pointer).
    /// Functions without <c>no_mangle</c> are ignored.
    /// </summary>
    /// <param name="sourceText">The whole source file.</param>
    /// <returns>The functions found, with annotations, and the skipped definitions with reasons.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="sourceText"/> is <see langword="null"/>.</exception>
    public static SourceScanResult ScanRust(string sourceText)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        var scan = new RustScan(sourceText);
        scan.Run();
        return new SourceScanResult(scan.Functions, scan.Skipped);
    }

    /// <summary>Returns the offsets at which lines start, for <see cref="LineOf"/>.</summary>
    internal static List<int> LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    /// <summary>Returns the 1-based line of <paramref name="offset"/>.</summary>
    internal static int LineOf(List<int> lineStarts, int offset)
    {
        var index = lineStarts.BinarySearch(offset);
        return index >= 0 ? index + 1 : ~index;
    }

    /// <summary>Collapses whitespace runs to one space and trims, so parse errors have one-line columns.</summary>
    internal static string CollapseWhitespace(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
            }
            else
            {
                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns the index of the token closing the bracket at <paramref name="open"/>, or the End token's index.</summary>
    internal static int MatchForward(List<CToken> tokens, int open, string opening, string closing)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is(opening))
            {
                depth++;
            }
            else if (tokens[i].Is(closing) && --depth == 0)
            {
                return i;
            }
        }

        return tokens.Count - 1;
    }

    /// <summary>Returns the index of the token opening the bracket closed at <paramref name="close"/>, or -1.</summary>
    internal static int MatchBackward(List<CToken> tokens, int close, int floor, string opening, string closing)
    {
        var depth = 0;
        for (var i = close; i >= floor; i--)
        {
            if (tokens[i].Is(closing))
            {
                depth++;
            }
            else if (tokens[i].Is(opening) && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }
}
