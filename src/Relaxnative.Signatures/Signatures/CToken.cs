namespace Relaxnative.Signatures;

/// <summary>The kinds of token the C lexer produces.</summary>
internal enum CTokenKind
{
    Identifier,
    Number,
    Punctuator,
    String,
    Character,
    Invalid,
    End,
}

/// <summary>One token: its kind, its text and its 0-based offset in the source text.</summary>
internal readonly record struct CToken(CTokenKind Kind, string Text, int Offset)
{
    public bool Is(string text) => Kind is CTokenKind.Punctuator or CTokenKind.Identifier && Text == text;

    public bool IsIdentifier => Kind == CTokenKind.Identifier;

    public int End => Offset + Text.Length;
}
