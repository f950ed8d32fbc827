namespace Relaxnative.Binding;

/// <summary>
/// One scalar of a record's memory: where it is, how wide, and whether the ABI classes it as floating point (SSE) or
/// integer. Flattening both a C layout and a C# struct into leaves is what lets the layout check and the emitted record
/// types speak the language of the System V classifier.
/// </summary>
/// <param name="Offset">Offset in bytes from the start of the outermost record.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="IsFloat">Whether the scalar is a float or double.</param>
/// <param name="Name">The field path, for messages (<c>pos.x</c>, <c>v[2]</c>).</param>
internal readonly record struct RecordLeaf(int Offset, int Size, bool IsFloat, string Name)
{
    /// <summary>The end offset (exclusive).</summary>
    public int End => Offset + Size;

    /// <summary>Whether this leaf's bytes lie inside <paramref name="other"/>'s.</summary>
    public bool IsInside(RecordLeaf other) => Offset >= other.Offset && End <= other.End;

    /// <summary>Whether the two leaves share a byte.</summary>
    public bool Overlaps(RecordLeaf other) => Offset < other.End && other.Offset < End;
}
