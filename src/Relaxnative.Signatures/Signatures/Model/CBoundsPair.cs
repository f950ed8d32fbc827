namespace Relaxnative.Signatures;

/// <summary>
/// A buffer parameter and the parameter that counts its elements, as a header's <c>__attribute__((access(mode, ref, size)))</c>
/// (glibc's <c>__attr_access</c>) or a source's <c>@bounds(buf, n)</c> says. Immutable.
/// </summary>
/// <param name="BufferIndex">The 0-based index of the pointer parameter.</param>
/// <param name="CountIndex">The 0-based index of the integer parameter that gives how many elements the pointer must hold.</param>
/// <param name="Origin">Where the pairing was written, for messages: <c>access(write_only, 2, 3)</c> or <c>@bounds(buf, n)</c>.</param>
internal sealed record CBoundsPair(int BufferIndex, int CountIndex, string Origin);
