using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;

namespace Relaxnative.Binding;

/// <summary>
/// Emits, per C record shape, a value type with a field of the right kind at every C offset (explicit layout, the C
/// size), so the JIT's System V classifier sees what the C compiler sees: floats where C has floats, integers where it
/// has integers, overlapping fields for unions, misaligned fields for packed records. A byte blob of the same size
/// would classify INTEGER where C uses SSE registers. Used by the untyped call paths (Invoke, dynamic, workers), where
/// no C# struct exists. Types live in a non-collectible assembly (calli through types of a collectible one is not
/// allowed) and are shared by every record of the same shape. Thread-safe.
/// </summary>
[RequiresDynamicCode(CodeGeneration.Calls)]
internal static class RecordTypes
{
    private static readonly ConcurrentDictionary<string, Type> s_types = new(StringComparer.Ordinal);
    private static readonly Lazy<ModuleBuilder> s_module = new(() =>
        AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("Relaxnative.Records"), AssemblyBuilderAccess.Run)
            .DefineDynamicModule("Relaxnative.Records"));

    /// <summary>The value type for <paramref name="layout"/>.</summary>
    /// <exception cref="NotSupportedException">A member has no .NET equivalent (<c>long double</c>, <c>__int128</c>).</exception>
    public static Type For(CLayout layout)
    {
        var leaves = Distinct(RecordLeaves.Of(layout));
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{layout.Size}:{layout.Alignment}:{string.Join(",", leaves.Select(l => $"{l.Offset}{(l.IsFloat ? "f" : "i")}{l.Size}"))}");
        return s_types.GetOrAdd(key, static (key, leaves) => Emit(key, leaves.Size, leaves.Leaves), (Size: layout.Size, Leaves: leaves));
    }

    private static Type Emit(string key, int size, List<RecordLeaf> leaves)
    {
        lock (s_module)
        {
            var type = s_module.Value.DefineType("Record" + s_types.Count.ToString(CultureInfo.InvariantCulture) + "_" + (uint)key.GetHashCode(StringComparison.Ordinal),
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.ExplicitLayout | TypeAttributes.AnsiClass,
                typeof(ValueType), PackingSize.Unspecified, size);
            for (var i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i];
                type.DefineField("f" + i.ToString(CultureInfo.InvariantCulture), ScalarType(leaf), FieldAttributes.Public).SetOffset(leaf.Offset);
            }

            return type.CreateType();
        }
    }

    // A bitfield spans bytes that need not form an aligned integer: one byte field per byte keeps them INTEGER-class.
    private static List<RecordLeaf> Distinct(List<RecordLeaf> leaves)
    {
        var result = new List<RecordLeaf>();
        var seen = new HashSet<(int, int, bool)>();
        foreach (var leaf in leaves)
        {
            if (!leaf.IsFloat && leaf.Size is not (1 or 2 or 4 or 8))
            {
                for (var b = 0; b < leaf.Size; b++)
                {
                    if (seen.Add((leaf.Offset + b, 1, false)))
                    {
                        result.Add(new RecordLeaf(leaf.Offset + b, 1, false, leaf.Name));
                    }
                }
            }
            else if (seen.Add((leaf.Offset, leaf.Size, leaf.IsFloat)))
            {
                result.Add(leaf);
            }
        }

        return result;
    }

    private static Type ScalarType(RecordLeaf leaf) => (leaf.IsFloat, leaf.Size) switch
    {
        (true, 4) => typeof(float),
        (true, _) => typeof(double),
        (false, 1) => typeof(byte),
        (false, 2) => typeof(ushort),
        (false, 4) => typeof(uint),
        _ => typeof(ulong),
    };
}
