namespace Relaxnative.Signatures;

/// <summary>
/// One function declaration or definition of a translation unit, as written after preprocessing.
/// Immutable and safe to share between threads.
/// </summary>
/// <param name="Signature">The C signature; its name is the C name (<see cref="Name"/>). Types keep the typedef
/// names they were written with (<see cref="CType.TypedefName"/>).</param>
/// <param name="Storage">The storage class written: <c>static</c> functions are never exported.</param>
/// <param name="IsInline">Whether <c>inline</c>/<c>__inline</c> was written.</param>
/// <param name="IsDefinition">Whether this declaration has a body (a definition) rather than ending in <c>;</c>.</param>
/// <param name="Visibility">The visibility attribute, or <see langword="null"/> when none was written.</param>
/// <param name="AsmLabel">The <c>__asm__("label")</c> symbol name, or <see langword="null"/>: the exported symbol is
/// the label, not the C name (<c>fscanf</c> is <c>__isoc99_fscanf</c>).</param>
/// <param name="HasCLinkage">Whether the function has C linkage: always in C; in C++ inside <c>extern "C"</c>,
/// after <c>extern "C"</c>, from a line marker's flag 4, or inherited from an earlier declaration.</param>
/// <param name="Location">The original file and line of the declaration.</param>
internal sealed record CFunctionDeclaration(
    CFunctionSignature Signature,
    CStorageClass Storage,
    bool IsInline,
    bool IsDefinition,
    CVisibility? Visibility,
    string? AsmLabel,
    bool HasCLinkage,
    CSourceLocation Location)
{
    /// <summary>The buffer and count parameters the declaration pairs (<c>__attribute__((access(...)))</c>); empty when none.</summary>
    public IReadOnlyList<CBoundsPair> Bounds { get; init; } = [];

    /// <summary>Compares every part, the bounds pairs by their items.</summary>
    /// <param name="other">The declaration to compare with.</param>
    /// <returns>Whether both describe the same declaration.</returns>
    public bool Equals(CFunctionDeclaration? other) =>
        other is not null && Signature.Equals(other.Signature) && Storage == other.Storage && IsInline == other.IsInline
        && IsDefinition == other.IsDefinition && Visibility == other.Visibility && AsmLabel == other.AsmLabel
        && HasCLinkage == other.HasCLinkage && Location.Equals(other.Location) && Bounds.SequenceEqual(other.Bounds);

    /// <summary>A hash consistent with <see cref="Equals(CFunctionDeclaration?)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Signature, Storage, IsDefinition, AsmLabel, Location, Bounds.Count);

    /// <summary>The C name of the function.</summary>
    public string Name => Signature.Name;

    /// <summary>The name the symbol has in the library: <see cref="AsmLabel"/> when given, else <see cref="Name"/>.</summary>
    public string SymbolName => AsmLabel ?? Signature.Name;

    /// <summary>Whether the declaration can name an exported symbol: not <c>static</c>, not hidden or internal, with C linkage.</summary>
    public bool CanBeExported => Storage != CStorageClass.Static
        && Visibility is not (CVisibility.Hidden or CVisibility.Internal)
        && HasCLinkage;
}
