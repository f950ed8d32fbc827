namespace Relaxnative.Signatures;

/// <summary>An <c>enum</c> definition with its constants.</summary>
/// <param name="Tag">The tag, or <see langword="null"/> for an anonymous enum.</param>
/// <param name="Constants">The constants in declaration order.</param>
/// <param name="Location">The original file and line of the definition.</param>
internal sealed record CEnumDefinition(string? Tag, IReadOnlyList<CEnumConstant> Constants, CSourceLocation Location);
