namespace Relaxnative.Signatures;

/// <summary>Typedef names in scope: the model given to a declaration string, or the typedefs a translation unit declared so far.</summary>
internal sealed partial class CDeclarationParser
{
    /// <summary>Whether a word is reserved here: in a C translation unit C++-only words (<c>class</c>) are identifiers.</summary>
    private bool IsKeyword(string text) =>
        _unit is { Options.IsCpp: false } ? CTypeNames.IsCKeyword(text) : CTypeNames.IsKeyword(text);

    /// <summary>The type a typedef name in scope stands for, spelled with the name; null when the name is not a typedef in scope.</summary>
    private CType? TryResolveTypedef(string name, bool isConst)
    {
        if (_unit is not null)
        {
            return _unit.Resolve(name, isConst);
        }

        if (_scope is not null && _scope.TryGetTypedef(name, out var typedef) && typedef.ArrayBounds.Count == 0)
        {
            return CType.Typedef(name, typedef.Type, isConst);
        }

        return null;
    }
}
