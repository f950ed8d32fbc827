namespace Relaxnative.Isolation.Wire;

/// <summary>
/// One pointer the helper must compute from its own mapping of a region: the value <c>base(RegionId) + Offset</c> is
/// written either into argument slot <see cref="Target"/> (when <see cref="TargetRegionId"/> is -1) or, for entries of
/// pointer tables, into the 8 bytes at <c>base(TargetRegionId) + Target</c>.
/// </summary>
/// <param name="TargetRegionId">-1 for an argument slot; otherwise the region holding the word to write.</param>
/// <param name="Target">The slot index, or the byte offset of the word in <paramref name="TargetRegionId"/>.</param>
/// <param name="RegionId">The region the pointer points into.</param>
/// <param name="Offset">The byte offset of the pointee in <paramref name="RegionId"/>.</param>
internal readonly record struct Fixup(int TargetRegionId, long Target, int RegionId, long Offset)
{
    /// <summary>A pointer into <paramref name="regionId"/> at <paramref name="offset"/>, for argument slot <paramref name="slot"/>.</summary>
    public static Fixup ForSlot(int slot, int regionId, long offset) => new(-1, slot, regionId, offset);

    /// <summary>Whether the target is an argument slot.</summary>
    public bool TargetsSlot => TargetRegionId < 0;
}
