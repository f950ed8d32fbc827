namespace Relaxnative.Signatures;

/// <summary>The translation-unit mode: external declarations of a preprocessed file into a model.</summary>
public sealed partial class CDeclarationParser
{
    internal static CDeclarationModel ParseUnit(string text, CParseOptions options)
    {
        _ = text;
        _ = options;
        return CDeclarationModel.Empty;
    }
}
