namespace Relaxnative;

/// <summary>
/// A function found in a source file that is not bound, with the reason and what to do about it.
/// </summary>
/// <param name="Name">The function's name as written in the source.</param>
/// <param name="Reason">Why it is skipped, in full sentences, including the fix.</param>
public sealed record SkippedFunction(string Name, string Reason);
