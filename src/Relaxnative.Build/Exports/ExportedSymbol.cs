namespace Relaxnative.Build;

/// <summary>One symbol a shared library exports, as its dynamic symbol table lists it.</summary>
/// <param name="Name">The symbol name, without a version suffix.</param>
/// <param name="Version">The default (<c>@@</c>) version the name is bound to, or <see langword="null"/> when unversioned.</param>
/// <param name="IsIndirect"><see langword="true"/> for a GNU indirect function (IFUNC): the table's value is its resolver, so resolve it with <c>dlsym</c>.</param>
/// <param name="Size">The symbol's size in bytes as recorded (0 when unknown).</param>
internal sealed record ExportedSymbol(string Name, string? Version, bool IsIndirect, ulong Size);
