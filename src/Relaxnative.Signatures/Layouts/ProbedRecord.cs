namespace Relaxnative.Signatures;

/// <summary>
/// What the compiler said about one record, as stored in a cache entry: the numbers of its probe array (size,
/// alignment, then offset, size, element size and alignment of each member in walk order) and, per bitfield, the
/// record's bytes with only that field's bits set.
/// </summary>
/// <param name="Numbers">The probe array's values.</param>
/// <param name="Bits">One byte image per bitfield, in walk order.</param>
internal sealed record ProbedRecord(ulong[] Numbers, byte[][] Bits);
