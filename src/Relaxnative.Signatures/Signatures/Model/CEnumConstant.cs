namespace Relaxnative.Signatures;

/// <summary>One enumeration constant.</summary>
/// <param name="Name">The constant's name.</param>
/// <param name="Value">Its value, or <see langword="null"/> when its expression could not be evaluated.</param>
/// <param name="UnknownReason">Why <see cref="Value"/> is unknown (for example <c>'sizeof(struct s)' needs the
/// compiler's layout</c>); <see langword="null"/> when the value is known.</param>
internal sealed record CEnumConstant(string Name, long? Value, string? UnknownReason);
