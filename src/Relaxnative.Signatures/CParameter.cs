namespace Relaxnative;

/// <summary>One parameter of a <see cref="CFunctionSignature"/>.</summary>
/// <param name="Index">The 0-based position of the parameter.</param>
/// <param name="Name">The parameter name, or <see langword="null"/> when the declaration leaves it out.</param>
/// <param name="Type">The parameter type; arrays have already decayed to pointers.</param>
public sealed record CParameter(int Index, string? Name, CType Type)
{
    /// <summary>Returns the parameter as C, for example <c>const char* fmt</c>.</summary>
    /// <returns>The normalized C text of the parameter.</returns>
    public override string ToString() => Signatures.CDeclarationFormatter.Declare(Type, Name ?? string.Empty);
}
