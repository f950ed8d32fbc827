namespace Relaxnative.Signatures;

/// <summary>
/// A declaration the parser could not represent, with a precise reason and where it was written. Nothing is
/// dropped silently: whatever the model cannot hold is listed here.
/// </summary>
/// <param name="Name">The declared name when it could be found, otherwise an empty string.</param>
/// <param name="Reason">Why the declaration is not in the model, in full sentences.</param>
/// <param name="Location">The original file and line of the declaration.</param>
/// <param name="IsFunction">Whether the declaration declares (or looks like it declares) a function.</param>
internal sealed record CSkippedDeclaration(string Name, string Reason, CSourceLocation Location, bool IsFunction);
