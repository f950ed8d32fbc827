namespace Relaxnative.Signatures;

/// <summary>
/// A <c>struct</c> or <c>union</c> definition with its members. Layout (sizes, offsets) is not computed here:
/// it comes from the compiler; this records what changes it (<see cref="IsPacked"/>, <see cref="AlignmentBytes"/>).
/// </summary>
/// <param name="Kind">Struct or union.</param>
/// <param name="Tag">The tag (<c>point</c> for <c>struct point</c>), or <see langword="null"/> when anonymous.</param>
/// <param name="Key">The unique key of the record in its model: <c>struct point</c>, or for an anonymous record
/// <c>struct (anonymous at file:line)</c>. Member types name records by this key (<see cref="CType.TagName"/>).</param>
/// <param name="Members">The members in declaration order.</param>
/// <param name="IsPacked">Whether <c>__attribute__((packed))</c> applies to the record.</param>
/// <param name="AlignmentBytes">The alignment from <c>__attribute__((aligned(N)))</c> in bytes, or <see langword="null"/>.</param>
/// <param name="Location">The original file and line of the definition.</param>
internal sealed record CRecordDefinition(
    CRecordKind Kind,
    string? Tag,
    string Key,
    IReadOnlyList<CRecordMember> Members,
    bool IsPacked,
    int? AlignmentBytes,
    CSourceLocation Location);
