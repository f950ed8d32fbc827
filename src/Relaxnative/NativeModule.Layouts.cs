using Relaxnative.Signatures;

namespace Relaxnative;

public sealed partial class NativeModule
{
    private CLayoutTable? _layouts;

    /// <summary>The measured record layouts of the module's sources or headers; <see langword="null"/> for a library opened without them.</summary>
    internal CLayoutTable? LayoutTable => _layouts;

    /// <summary>
    /// Every struct and union layout the module knows: one per record its sources or headers define that the C compiler
    /// could name (a tagged record, or the typedef of an anonymous one), measured by the compiler when the library was built
    /// (or, for <see cref="Native.Open(string, OpenOptions)"/> with headers, when it was opened). Empty for a library opened without sources or headers.
    /// </summary>
    public IReadOnlyList<CLayout> Layouts => _layouts is null ? [] : [.. _layouts.All];

    /// <summary>
    /// The layout of a struct or union as the library's C compiler computed it: size, alignment, and each field's name, offset,
    /// C type, array length and bitfield bits. Thread-safe.
    /// </summary>
    /// <param name="name">The C name: <c>"struct point"</c>, <c>"union value"</c>, or a typedef name (<c>"Vector2"</c>, <c>"point_t"</c>).</param>
    /// <returns>The layout.</returns>
    /// <exception cref="KeyNotFoundException">The module's sources or headers define no such record, or the record could not be measured
    /// (the message says why and lists the records there are).</exception>
    public CLayout Layout(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_layouts?.Find(name) is { } layout)
        {
            return layout;
        }

        throw LayoutNotFound(name);
    }

    private KeyNotFoundException LayoutNotFound(string name)
    {
        if (_layouts is null)
        {
            return new KeyNotFoundException(
                $"'{LibraryPath}' has no record layouts, so '{name}' is unknown: it was opened without sources or headers. " +
                "Load it from its sources (Native.Load) or open it with its headers (OpenOptions.Headers).");
        }

        var known = _layouts.All.Select(l => l.Name).Order(StringComparer.Ordinal).Take(40).ToArray();
        var why = _layouts.Defines(name) && _layouts.Problem is { } problem
            ? $"'{name}' is defined, but its layout was not measured: {problem}."
            : $"The sources or headers of '{LibraryPath}' define no struct or union '{name}'.";
        return new KeyNotFoundException(why + (known.Length == 0 ? " No record was measured." : " Known: " + string.Join(", ", known) + ".") +
            " Name a record as C does: \"struct point\", \"union value\", or a typedef name.");
    }
}
