namespace Relaxnative;

/// <summary>
/// Pairs a buffer parameter with the parameter that counts its elements (<see cref="BindOptions.Bounds"/>; <c>@bounds(buf, n)</c>
/// in a source): a call whose buffer argument is smaller than the count asks for is refused before it runs.
/// </summary>
/// <param name="Buffer">The name of the pointer parameter.</param>
/// <param name="Count">The name of the integer parameter giving how many elements (of the pointee's size; bytes for <c>void*</c>) the buffer must hold.</param>
public sealed record BoundsPair(string Buffer, string Count);
