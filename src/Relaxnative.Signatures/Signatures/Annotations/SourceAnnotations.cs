namespace Relaxnative.Signatures;

/// <summary>
/// Reads <c>@sync</c>, <c>@async</c>, <c>@cost</c> and <c>@trivial</c> from a source file's comments for the definitions a
/// <see cref="CDeclarationModel"/> found in it. The preprocessor removes comments, so annotations are read from the
/// original text at the lines the line markers give. Pure and thread-safe.
/// </summary>
internal static class SourceAnnotations
{
    /// <summary>
    /// Returns the annotations of each definition: the comment block directly above its line (no blank line or code
    /// between), and comments on its line before the body or the end of the declaration. A trailing comment on the line of
    /// the previous code belongs to that code, so annotations never bleed into the next function.
    /// </summary>
    /// <param name="sourceText">The original text of the file (before preprocessing).</param>
    /// <param name="definitionLines">For each definition in this file, its 1-based line (<see cref="CSourceLocation.Line"/>) and
    /// the function's name; lines outside the text are ignored.</param>
    /// <returns>The annotations per function name, for every name given whose line exists (<see cref="FunctionAnnotations.None"/>
    /// when it has none).</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IReadOnlyDictionary<string, FunctionAnnotations> Read(string sourceText, IEnumerable<KeyValuePair<int, string>> definitionLines)
    {
        ArgumentNullException.ThrowIfNull(sourceText);
        ArgumentNullException.ThrowIfNull(definitionLines);
        var (_, comments) = SourceMasker.Mask(sourceText, isRust: false);
        var lineStarts = SourceScanner.LineStarts(sourceText);
        var result = new Dictionary<string, FunctionAnnotations>(StringComparer.Ordinal);
        foreach (var (line, name) in definitionLines)
        {
            if (line < 1 || line > lineStarts.Count || name is null)
            {
                continue;
            }

            var lineStart = lineStarts[line - 1];
            var lineEnd = line < lineStarts.Count ? lineStarts[line] - 1 : sourceText.Length;
            var start = FirstCode(sourceText, comments, lineStart, lineEnd);
            var end = DeclarationEnd(sourceText, comments, start, lineEnd);
            var read = Annotations.For(sourceText, comments, start, end, name);
            result[name] = read.Mode is null && read.Cost == NativeCost.Unspecified && !read.IsTrivial && read.Problem is null && read.Bounds.Count == 0 && read.Frees is null
                ? FunctionAnnotations.None
                : new FunctionAnnotations(read.Mode, read.Cost, read.IsTrivial, read.Problem) { Bounds = read.Bounds, Frees = read.Frees };
        }

        return result;
    }

    /// <summary>The offset of the first character on the line that is neither whitespace nor inside a comment.</summary>
    private static int FirstCode(string text, List<SourceComment> comments, int start, int end)
    {
        var i = start;
        while (i < end)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }

            var comment = CommentAt(comments, i);
            if (comment is null)
            {
                return i;
            }

            i = comment.Value.End;
        }

        return start;
    }

    /// <summary>Where the declaration's own comments end: the first '{' or ';' outside comments on the line, else the line end.</summary>
    private static int DeclarationEnd(string text, List<SourceComment> comments, int start, int lineEnd)
    {
        for (var i = start; i < lineEnd; i++)
        {
            if (text[i] is '{' or ';' && CommentAt(comments, i) is null)
            {
                return i;
            }
        }

        return lineEnd;
    }

    private static SourceComment? CommentAt(List<SourceComment> comments, int offset)
    {
        int low = 0, high = comments.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (comments[mid].End <= offset)
            {
                low = mid + 1;
            }
            else if (comments[mid].Start > offset)
            {
                high = mid - 1;
            }
            else
            {
                return comments[mid];
            }
        }

        return null;
    }
}
