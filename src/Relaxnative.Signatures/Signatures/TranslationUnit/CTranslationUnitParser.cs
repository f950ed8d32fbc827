namespace Relaxnative.Signatures;

/// <summary>
/// Parses a preprocessed translation unit (the output of <c>cc -E</c>, line markers kept) into a
/// <see cref="CDeclarationModel"/>. Typedef-aware (a scope stack tells type names from other names), it reads the
/// GNU and C11 forms of real system headers, skips function bodies and initializers by balanced matching, and turns
/// whatever it cannot represent into a <see cref="CSkippedDeclaration"/> with the reason and the original file:line.
/// Never throws for any input except <see langword="null"/>. Time is linear in the length of the text.
/// Pure and thread-safe (each call has its own state).
/// </summary>
internal static class CTranslationUnitParser
{
    /// <summary>Parses preprocessed C (or, with <see cref="CParseOptions.IsCpp"/>, the C subset of preprocessed C++).</summary>
    /// <param name="preprocessedText">The preprocessor's output, with or without line markers.</param>
    /// <param name="options">How to read the text; <see langword="null"/> for C.</param>
    /// <returns>The declarations found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="preprocessedText"/> is <see langword="null"/>.</exception>
    public static CDeclarationModel Parse(string preprocessedText, CParseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(preprocessedText);
        return CDeclarationParser.ParseUnit(preprocessedText, options ?? CParseOptions.C);
    }
}
