namespace Relaxnative.Signatures;

/// <summary>
/// The annotations of one definition (<c>@sync</c>, <c>@async</c>, <c>@cost low|medium|high</c>,
/// <c>@trivial</c>), read from the comments that belong to it, and the rule for which comments those are.
/// </summary>
internal sealed record Annotations(ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, string? Problem)
{
    /// <summary>The <c>@bounds(buf, n)</c> pairs: a buffer parameter's name and its count parameter's name.</summary>
    public IReadOnlyList<(string Buffer, string Count)> Bounds { get; init; } = [];

    /// <summary>The deallocator named by <c>@frees(name)</c> (or <c>@frees name</c>), or null.</summary>
    public string? Frees { get; init; }

    /// <summary>
    /// Reads the annotations for a definition that starts at <paramref name="start"/> and whose declaration
    /// ends at <paramref name="end"/>: the comment block directly above it (no blank line or code between),
    /// a comment on the same line before it, and comments inside the declaration.
    /// </summary>
    public static Annotations For(string text, List<SourceComment> comments, int start, int end, string name)
    {
        var texts = new List<string>();
        foreach (var comment in comments)
        {
            if (comment.Start >= start && comment.End <= end)
            {
                texts.Add(comment.Text);
            }
        }

        var index = LastEndingBefore(comments, start);
        var cursor = start;
        while (index >= 0)
        {
            var comment = comments[index];
            var gap = text.AsSpan(comment.End, cursor - comment.End);
            if (!gap.IsWhiteSpace())
            {
                break;
            }

            var newlines = gap.Count('\n');
            if (newlines > 1 || (newlines == 1 && !StartsOwnLine(text, comment.Start)))
            {
                break; // A blank line, or a trailing comment that belongs to the code before it.
            }

            texts.Add(comment.Text);
            cursor = comment.Start;
            index--;
        }

        return Read(texts, name);
    }

    /// <summary>Reads annotation words from comment texts; problems are reported, not thrown.</summary>
    public static Annotations Read(IEnumerable<string> commentTexts, string name)
    {
        bool sync = false, isAsync = false, trivial = false;
        var cost = NativeCost.Unspecified;
        string? problem = null;
        var bounds = new List<(string Buffer, string Count)>();
        string? frees = null;
        foreach (var text in commentTexts)
        {
            for (var at = text.IndexOf('@', StringComparison.Ordinal); at >= 0; at = text.IndexOf('@', at + 1))
            {
                if (at > 0 && CLexer.IsIdentifierPart(text[at - 1]))
                {
                    continue; // user@example.com
                }

                var word = ReadWord(text, at + 1, out var after);
                switch (word)
                {
                    case "sync":
                        sync = true;
                        break;
                    case "async":
                        isAsync = true;
                        break;
                    case "trivial":
                        trivial = true;
                        break;
                    case "bounds":
                        if (ReadPair(text, after) is { } pair)
                        {
                            bounds.Add(pair);
                        }
                        else
                        {
                            problem ??= SignatureMessages.BadBounds(name);
                        }

                        break;
                    case "frees":
                        var open = SkipSpaces(text, after);
                        var deallocator = ReadWord(text, open < text.Length && text[open] == '(' ? SkipSpaces(text, open + 1) : open, out _);
                        if (deallocator.Length == 0 || (frees is not null && frees != deallocator))
                        {
                            problem ??= SignatureMessages.BadFrees(name);
                        }
                        else
                        {
                            frees = deallocator;
                        }

                        break;
                    case "cost":
                        var value = ReadWord(text, SkipSpaces(text, after), out _);
                        var parsed = value.ToUpperInvariant() switch
                        {
                            "LOW" => NativeCost.Low,
                            "MEDIUM" => NativeCost.Medium,
                            "HIGH" => NativeCost.High,
                            _ => (NativeCost?)null,
                        };
                        if (parsed is null)
                        {
                            problem ??= SignatureMessages.UnknownCost(name, value);
                        }
                        else if (cost != NativeCost.Unspecified && cost != parsed)
                        {
                            problem ??= SignatureMessages.ConflictingCost(name);
                        }
                        else
                        {
                            cost = parsed.Value;
                        }

                        break;
                }
            }
        }

        if (sync && isAsync)
        {
            problem = SignatureMessages.BothSyncAndAsync(name);
        }

        ExecutionMode? mode = sync ? ExecutionMode.Sync : isAsync ? ExecutionMode.Async : null;
        return new Annotations(mode, cost, trivial, problem) { Bounds = bounds.Count == 0 ? [] : bounds, Frees = frees };
    }

    /// <summary>Reads <c>(buffer, count)</c> at <paramref name="start"/>: two identifiers in parentheses; null when it is not that.</summary>
    private static (string Buffer, string Count)? ReadPair(string text, int start)
    {
        var i = start;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        if (i >= text.Length || text[i] != '(')
        {
            return null;
        }

        var close = text.IndexOf(')', i);
        if (close < 0)
        {
            return null;
        }

        var parts = text[(i + 1)..close].Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts.All(p => p.Length > 0 && p.All(CLexer.IsIdentifierPart)) ? (parts[0], parts[1]) : null;
    }

    private static int LastEndingBefore(List<SourceComment> comments, int offset)
    {
        int low = 0, high = comments.Count - 1, found = -1;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (comments[mid].End <= offset)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    private static bool StartsOwnLine(string text, int offset)
    {
        for (var i = offset - 1; i >= 0 && text[i] != '\n'; i--)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t' or ':' or '=')
        {
            i++;
        }

        return i;
    }

    private static string ReadWord(string text, int start, out int end)
    {
        end = start;
        while (end < text.Length && CLexer.IsIdentifierPart(text[end]))
        {
            end++;
        }

        return text[start..end];
    }
}
