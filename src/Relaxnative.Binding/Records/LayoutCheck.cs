using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Relaxnative.Binding;

/// <summary>
/// Checks that a C# struct lays out a C record the way the C compiler does: the same size, every C scalar at the same
/// offset with the same width and the same ABI class (floating point or integer). Integer scalars may be covered by a
/// wider C# integer (a bitfield's storage unit, a union's bytes); floating-point ones must match exactly, because that is
/// what decides the registers a by-value struct travels in. Results are cached per (type, layout). Thread-safe.
/// </summary>
internal static class LayoutCheck
{
    private static readonly ConcurrentDictionary<(Type, CLayout), string?> s_results = new();

    /// <summary>Throws when <paramref name="type"/> does not match <paramref name="layout"/>.</summary>
    /// <exception cref="NativeLayoutMismatchException">The layouts differ; the message prints both side by side.</exception>
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static void Require(Type type, CLayout layout)
    {
        if (Problem(type, layout) is { } problem)
        {
            throw new NativeLayoutMismatchException(layout.Name, type, problem);
        }
    }

    /// <summary>Why <paramref name="type"/> cannot stand for <paramref name="layout"/> (with both layouts side by side), or <see langword="null"/> when it can.</summary>
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static string? Problem(Type type, CLayout layout) =>
        s_results.GetOrAdd((type, layout), static key => Compare(key.Item1, key.Item2));

    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private static string? Compare(Type type, CLayout layout)
    {
        List<RecordLeaf> native, managed;
        int managedSize;
        try
        {
            native = RecordLeaves.Of(layout);
        }
        catch (NotSupportedException e)
        {
            return $"C '{layout.Name}' cannot be passed by value: {e.Message}. Pass a pointer to it instead.";
        }

        try
        {
            managed = RecordLeaves.Of(type);
            managedSize = RecordLeaves.SizeOf(type);
        }
        catch (NotSupportedException e)
        {
            return $"{type.Name} cannot stand for C '{layout.Name}': {e.Message}.";
        }

        var bad = new HashSet<int>();
        foreach (var c in native)
        {
            var unionInt = c.IsFloat && native.Any(o => !o.IsFloat && o.Overlaps(c));
            if (!managed.Any(m => m.Offset == c.Offset && m.Size == c.Size && m.IsFloat == c.IsFloat)
                && !((!c.IsFloat || unionInt) && managed.Any(m => !m.IsFloat && c.IsInside(m))))
            {
                bad.Add(c.Offset);
            }
        }

        foreach (var m in managed)
        {
            var fits = m.IsFloat
                ? native.Any(c => c.Offset == m.Offset && c.Size == m.Size && c.IsFloat)
                : native.Where(c => c.IsFloat && c.Overlaps(m)).All(f => native.Any(o => !o.IsFloat && o.Overlaps(f)));
            if (!fits)
            {
                bad.Add(m.Offset);
            }
        }

        if (bad.Count == 0 && managedSize == layout.Size)
        {
            return null;
        }

        var summary = managedSize != layout.Size
            ? $"{type.Name} is {managedSize} bytes but C '{layout.Name}' is {layout.Size}"
            : $"{type.Name} places fields differently from C '{layout.Name}' (rows marked <<)";
        return summary + ". Declare the C# struct with the C fields in order and the same types ([StructLayout(LayoutKind.Sequential)], " +
            "Pack = 1 for packed records, [FieldOffset] for unions), or view the memory with NativeStruct.\n" + SideBySide(layout, type, native, managed, managedSize, bad);
    }

    private static string SideBySide(CLayout layout, Type type, List<RecordLeaf> native, List<RecordLeaf> managed, int managedSize, HashSet<int> bad)
    {
        const int Width = 34;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"  {("C " + layout.Name + $" ({layout.Size} bytes)"),-Width}| C# {type.Name} ({managedSize} bytes)\n");
        foreach (var offset in native.Select(l => l.Offset).Concat(managed.Select(l => l.Offset)).Distinct().Order())
        {
            var left = native.Where(l => l.Offset == offset).ToList();
            var right = managed.Where(l => l.Offset == offset).ToList();
            for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {(i < left.Count ? Describe(left[i]) : ""),-Width}| {(i < right.Count ? Describe(right[i]) : ""),-Width}")
                    .Append(bad.Contains(offset) ? " <<" : "").Append('\n');
            }
        }

        return text.ToString().TrimEnd();
    }

    private static string Describe(RecordLeaf leaf) =>
        string.Create(CultureInfo.InvariantCulture, $"+{leaf.Offset} {(leaf.IsFloat ? "float" : "int")}{leaf.Size * 8} {leaf.Name}");
}
