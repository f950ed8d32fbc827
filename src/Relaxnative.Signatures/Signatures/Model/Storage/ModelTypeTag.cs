namespace Relaxnative.Signatures;

/// <summary>How one entry of the stored type table is encoded (the byte before its fields).</summary>
internal enum ModelTypeTag : byte
{
    /// <summary>A scalar: kind, spelling, const, enum tag.</summary>
    Scalar = 1,

    /// <summary>A data pointer: pointee index, const.</summary>
    Pointer = 2,

    /// <summary>A function pointer: an inline signature, const.</summary>
    FunctionPointer = 3,

    /// <summary>A struct, union or opaque name: kind, tag, spelling, const.</summary>
    Named = 4,

    /// <summary>A typedef name: name, underlying index, whether the use adds const.</summary>
    Typedef = 5,
}
