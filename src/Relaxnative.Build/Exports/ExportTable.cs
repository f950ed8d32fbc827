namespace Relaxnative.Build;

/// <summary>
/// What a built shared library exports: the truth about which functions exist, whatever the sources say.
/// Immutable; names are unique within each list and sorted ordinally.
/// </summary>
/// <param name="Functions">Exported functions (defined, global or weak, FUNC or IFUNC, default or protected visibility).</param>
/// <param name="Variables">Exported data objects (defined, global or weak, OBJECT, default or protected visibility).</param>
/// <param name="LocalFunctions">Functions defined in the library but local to it (static, or hidden visibility, which the linker makes local), from <c>.symtab</c> when the library is not stripped: they exist but cannot be called from outside.</param>
internal sealed record ExportTable(IReadOnlyList<ExportedSymbol> Functions, IReadOnlyList<ExportedSymbol> Variables, IReadOnlyList<string> LocalFunctions)
;
