namespace Relaxnative.Signatures;

/// <summary>
/// The attributes of the declarator being read that change ABI or naming: visibility, <c>__asm__</c> labels,
/// <c>packed</c>, <c>aligned</c>, <c>mode</c>, and the ones a type cannot carry here (<c>vector_size</c>).
/// Everything else in <c>__attribute__((...))</c> is skipped.
/// </summary>
internal sealed class AttributeSet
{
    public CVisibility? Visibility { get; set; }

    public string? AsmLabel { get; set; }

    public bool IsPacked { get; set; }

    public int? AlignmentBytes { get; set; }

    public string? Mode { get; set; }

    public string? Unsupported { get; set; }

    /// <summary>The <c>access(mode, ref, size)</c> attributes that name a size parameter: mode and 1-based indices.
    /// Replaced, never mutated, so a copy made for the next declarator does not share additions.</summary>
    public IReadOnlyList<(string Mode, int Reference, int Size)> Access { get; private set; } = [];

    public AttributeSet Copy() => (AttributeSet)MemberwiseClone();

    /// <summary>Reads one attribute group: <paramref name="keyword"/> is the attribute keyword's index, <paramref name="open"/> and
    /// <paramref name="close"/> its parentheses.</summary>
    public void Read(CDeclarationParser parser, List<CToken> tokens, int keyword, int open, int close)
    {
        var word = tokens[keyword].Text;
        if (word is "__asm__" or "__asm" or "asm")
        {
            var label = new System.Text.StringBuilder();
            for (var i = open + 1; i < close; i++)
            {
                if (tokens[i].Kind == CTokenKind.String)
                {
                    label.Append(tokens[i].Text.AsSpan(1, Math.Max(0, tokens[i].Text.Length - 2)));
                }
            }

            AsmLabel = label.ToString();
            return;
        }

        if (word is "_Alignas" or "alignas")
        {
            AlignmentBytes = Max(AlignmentBytes, parser.TryEvaluate(open + 1, close));
            return;
        }

        for (var i = open + 1; i < close; i++)
        {
            if (tokens[i].Kind != CTokenKind.Identifier)
            {
                continue;
            }

            var name = tokens[i].Text.Trim('_');
            var hasArguments = tokens[i + 1].Is("(");
            var argumentsEnd = hasArguments ? parser.FindClose(i + 1) : i;
            switch (name)
            {
                case "visibility" when hasArguments && tokens[i + 2].Kind == CTokenKind.String:
                    Visibility = tokens[i + 2].Text.Trim('"') switch
                    {
                        "hidden" => CVisibility.Hidden,
                        "protected" => CVisibility.Protected,
                        "internal" => CVisibility.Internal,
                        _ => CVisibility.Default,
                    };
                    break;
                case "packed":
                    IsPacked = true;
                    break;
                case "aligned":
                    // A bare 'aligned' means the largest alignment the target ever needs: 16 bytes on x86-64 and arm64.
                    AlignmentBytes = Max(AlignmentBytes, hasArguments ? parser.TryEvaluate(i + 2, argumentsEnd) : 16);
                    break;
                case "mode" when hasArguments:
                    Mode = tokens[i + 2].Text.Trim('_');
                    break;
                case "access" when hasArguments:
                    ReadAccess(parser, tokens, i + 2, argumentsEnd);
                    break;
                case "vector_size" or "ext_vector_type" or "transparent_union":
                    Unsupported ??= tokens[i].Text;
                    break;
            }

            i = argumentsEnd;
        }
    }

    /// <summary>Reads <c>access(mode, ref-index[, size-index])</c> between <paramref name="start"/> and <paramref name="end"/>; without a size index there is nothing to check.</summary>
    private void ReadAccess(CDeclarationParser parser, List<CToken> tokens, int start, int end)
    {
        var commas = new List<int>();
        for (var i = start; i < end; i++)
        {
            if (tokens[i].Is(","))
            {
                commas.Add(i);
            }
        }

        if (commas.Count != 2 || tokens[start].Kind != CTokenKind.Identifier)
        {
            return;
        }

        var reference = parser.TryEvaluate(commas[0] + 1, commas[1]);
        var size = parser.TryEvaluate(commas[1] + 1, end);
        if (reference is > 0 and < 256 && size is > 0 and < 256)
        {
            Access = [.. Access, (tokens[start].Text.Trim('_'), (int)reference.Value, (int)size.Value)];
        }
    }

    private static int? Max(int? current, long? value) =>
        value is null or <= 0 or > int.MaxValue ? current : Math.Max(current ?? 0, (int)value.Value);
}
