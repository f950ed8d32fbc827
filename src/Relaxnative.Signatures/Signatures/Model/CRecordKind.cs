namespace Relaxnative.Signatures;

/// <summary>Whether a record is a <c>struct</c> or a <c>union</c>.</summary>
internal enum CRecordKind
{
    /// <summary>A <c>struct</c>: members at increasing offsets.</summary>
    Struct,

    /// <summary>A <c>union</c>: every member at offset 0.</summary>
    Union,
}
