namespace Relaxnative.Signatures;

/// <summary>A <c>typedef</c>: a name for a type (a scalar, a pointer, a function pointer, a struct or another typedef).</summary>
/// <param name="Name">The typedef name.</param>
/// <param name="Type">The type the name stands for, as written (it may itself carry a typedef name;
/// <see cref="CType.Resolved"/> strips them all). For <c>typedef int arr[4];</c> the element type, with
/// <see cref="ArrayBounds"/> set.</param>
/// <param name="ArrayBounds">For an array typedef, its bounds outermost first (<see langword="null"/> entries are
/// unknown or empty bounds); otherwise empty.</param>
/// <param name="Location">The original file and line.</param>
internal sealed record CTypedefDeclaration(string Name, CType Type, IReadOnlyList<long?> ArrayBounds, CSourceLocation Location);
