namespace Relaxnative;

/// <summary>
/// One field of a <see cref="CLayout"/>, as the C compiler placed it. Members of anonymous structs and unions appear
/// directly in the record that contains them, as C names them. Immutable and thread-safe.
/// </summary>
public sealed class CField
{
    internal CField(string name, CType type, int offset, int size, int elementSize, int? arrayLength, int? bitOffset, int? bitWidth, CLayout? layout)
    {
        ElementSize = elementSize;
        Name = name;
        Type = type;
        Offset = offset;
        Size = size;
        ArrayLength = arrayLength;
        BitOffset = bitOffset;
        BitWidth = bitWidth;
        Layout = layout;
    }

    /// <summary>The member's name as written in C.</summary>
    public string Name { get; }

    /// <summary>The member's C type; for an array member, the element type (see <see cref="ArrayLength"/>).</summary>
    public CType Type { get; }

    /// <summary>The offset in bytes from the start of the record; for a bitfield, the byte holding its first bit.</summary>
    public int Offset { get; }

    /// <summary>The size in bytes (all elements of an array; 0 for a flexible array member; for a bitfield, the bytes its bits touch).</summary>
    public int Size { get; }

    /// <summary>For an array member, the total number of elements (every dimension multiplied; 0 for a flexible array member <c>[]</c>); otherwise <see langword="null"/>.</summary>
    public int? ArrayLength { get; }

    /// <summary>For a bitfield, the first bit within the byte at <see cref="Offset"/> (0 is the least significant); otherwise <see langword="null"/>.</summary>
    public int? BitOffset { get; }

    /// <summary>For a bitfield, its width in bits; otherwise <see langword="null"/>.</summary>
    public int? BitWidth { get; }

    /// <summary>For a member whose type (or element type) is a struct or union, that record's layout; otherwise <see langword="null"/>.</summary>
    public CLayout? Layout { get; }

    /// <summary>Whether the member is a bitfield.</summary>
    public bool IsBitfield => BitWidth is not null;

    /// <summary>Whether the member is a flexible array member (<c>T name[];</c>): it occupies no bytes of the record.</summary>
    public bool IsFlexibleArray => ArrayLength == 0;

    /// <summary>The size of one element in bytes: <see cref="Size"/> for a member that is not an array.</summary>
    public int ElementSize { get; }

    /// <summary>The member as a line of a layout table: offset, size, type and name.</summary>
    /// <returns>For example <c>+8 (4) float y</c> or <c>+16 (1) unsigned int flags:3 @bit 0</c>.</returns>
    public override string ToString() =>
        $"+{Offset} ({Size}) {Type.Spelling} {Name}" + (ArrayLength is { } n ? $"[{(n == 0 ? "" : n)}]" : "")
        + (BitWidth is { } w ? $":{w} @bit {BitOffset}" : "");
}
