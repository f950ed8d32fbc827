namespace Relaxnative;

/// <summary>
/// Thrown when a C declaration cannot be parsed. The message names the declaration, the 1-based column,
/// what was expected and what was found, and, where one applies, a hint that says how to fix it:
/// <c>Cannot parse C declaration 'int add(int a,, int b)' at column 15: expected a parameter type, found ','.</c>
/// </summary>
public sealed class CParseException : FormatException
{
    /// <summary>Creates the exception from its parts; the message is composed from them.</summary>
    /// <param name="declaration">The declaration text that was being parsed.</param>
    /// <param name="column">The 1-based character position of the offending token in <paramref name="declaration"/>.</param>
    /// <param name="token">The offending token; empty at the end of the declaration.</param>
    /// <param name="expected">What the parser expected there, for example <c>a parameter type</c>.</param>
    /// <param name="hint">An optional sentence that says how to fix the declaration.</param>
    public CParseException(string declaration, int column, string token, string expected, string? hint = null)
        : base(Signatures.SignatureMessages.ParseError(declaration, column, token, expected, hint))
    {
        Declaration = declaration;
        Column = column;
        Token = token;
        Expected = expected;
        Hint = hint;
    }

    /// <summary>The declaration text that was being parsed.</summary>
    public string Declaration { get; }

    /// <summary>The 1-based character position of <see cref="Token"/> in <see cref="Declaration"/>.</summary>
    public int Column { get; }

    /// <summary>The offending token, or an empty string when the declaration ended too early.</summary>
    public string Token { get; }

    /// <summary>What the parser expected at <see cref="Column"/>, for example <c>a parameter type</c>.</summary>
    public string Expected { get; }

    /// <summary>A sentence that says how to fix the declaration, or <see langword="null"/> when none applies.</summary>
    public string? Hint { get; }
}
