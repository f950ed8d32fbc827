using System.Runtime.CompilerServices;

namespace Relaxnative.Binding;

/// <summary>
/// The 8-byte argument slots of one untyped call with up to <see cref="Count"/> arguments, as a plain local of the
/// calling frame. A fixed-size local rather than a <c>stackalloc</c>: a frame with a dynamic stack allocation gets a
/// stack probe, a security cookie and a frame pointer that moves, and the call that follows it was measured several
/// times slower on some CPUs (see docs/binding.md, "The untyped call path").
/// </summary>
[InlineArray(Count)]
internal struct ArgumentSlots
{
    /// <summary>How many arguments fit; calls with more take slots from a separate frame.</summary>
    public const int Count = 8;

    private ulong _first;
}
