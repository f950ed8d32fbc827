namespace Relaxnative.Signatures;

/// <summary>
/// One member of a struct or union. An anonymous struct or union member has no name; its type names the
/// anonymous record by its <see cref="CRecordDefinition.Key"/>.
/// </summary>
/// <param name="Name">The member name, or <see langword="null"/> for an unnamed bitfield or an anonymous struct/union.</param>
/// <param name="Type">The member's type; for an array member the element type (see <see cref="ArrayBounds"/>).</param>
/// <param name="BitWidth">The bitfield width in bits, or <see langword="null"/> when the member is not a bitfield.</param>
/// <param name="ArrayBounds">Array bounds outermost first; a <see langword="null"/> bound is a flexible array (<c>[]</c>)
/// or one whose size could not be evaluated. Empty when the member is not an array.</param>
/// <param name="AlignmentBytes">The alignment from <c>__attribute__((aligned(N)))</c> or <c>_Alignas(N)</c>, in bytes, or <see langword="null"/>.</param>
/// <param name="IsPacked">Whether <c>__attribute__((packed))</c> was written on the member.</param>
internal sealed record CRecordMember(string? Name, CType Type, int? BitWidth, IReadOnlyList<long?> ArrayBounds, int? AlignmentBytes, bool IsPacked);
