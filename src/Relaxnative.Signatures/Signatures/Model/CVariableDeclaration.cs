namespace Relaxnative.Signatures;

/// <summary>
/// One file-scope variable declaration or definition (<c>extern int counter;</c>, <c>double scale = 1.0;</c>), as written
/// after preprocessing. Immutable and safe to share between threads.
/// </summary>
/// <param name="Name">The C name.</param>
/// <param name="Type">The variable's type; for an array, its element type with <see cref="ArrayBounds"/> set.</param>
/// <param name="ArrayBounds">For an array, its bounds outermost first (<see langword="null"/> entries are unknown, as in
/// <c>extern int table[];</c>); otherwise empty.</param>
/// <param name="Storage">The storage class written: <c>static</c> variables are never exported.</param>
/// <param name="IsDefinition">Whether this is a definition (no <c>extern</c>, or an initializer) rather than a declaration.</param>
/// <param name="Visibility">The visibility attribute, or <see langword="null"/> when none was written.</param>
/// <param name="AsmLabel">The <c>__asm__("label")</c> symbol name, or <see langword="null"/>.</param>
/// <param name="HasCLinkage">Whether the variable has C linkage (always in C; in C++ inside <c>extern "C"</c>).</param>
/// <param name="Location">The original file and line of the declaration.</param>
internal sealed record CVariableDeclaration(
    string Name,
    CType Type,
    IReadOnlyList<long?> ArrayBounds,
    CStorageClass Storage,
    bool IsDefinition,
    CVisibility? Visibility,
    string? AsmLabel,
    bool HasCLinkage,
    CSourceLocation Location)
{
    /// <summary>The name the symbol has in the library: <see cref="AsmLabel"/> when given, else <see cref="Name"/>.</summary>
    public string SymbolName => AsmLabel ?? Name;

    /// <summary>The number of elements: the product of the bounds (1 for a non-array); 0 when a bound is unknown.</summary>
    public long ElementCount
    {
        get
        {
            long count = 1;
            foreach (var bound in ArrayBounds)
            {
                if (bound is not { } known || known <= 0 || count > long.MaxValue / known)
                {
                    return 0;
                }

                count *= known;
            }

            return count;
        }
    }

    /// <summary>The size in bytes (element size times <see cref="ElementCount"/>); 0 when the element size or a bound is unknown.</summary>
    public long SizeInBytes => Type.SizeInBytes * ElementCount;
}
