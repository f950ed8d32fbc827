using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Relaxnative;

/// <summary>
/// The layout of a C struct or union as the C compiler computed it (<c>sizeof</c>, <c>_Alignof</c>, <c>offsetof</c>
/// and bitfield positions, measured by compiling a probe with the library's own compiler and flags): packing,
/// <c>_Alignas</c>, <c>#pragma pack</c> and bitfields are whatever the compiler made of them. Get one from
/// <c>NativeModule.Layout("struct point")</c>. Immutable and thread-safe.
/// </summary>
public sealed class CLayout
{
    private readonly Dictionary<string, CField> _byName;

    internal CLayout(string name, bool isUnion, int size, int alignment, IReadOnlyList<CField> fields)
    {
        Name = name;
        IsUnion = isUnion;
        Size = size;
        Alignment = alignment;
        Fields = fields;
        _byName = new Dictionary<string, CField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            _byName.TryAdd(field.Name, field);
        }
    }

    /// <summary>The record's C name: <c>struct point</c>, <c>union value</c>, or the typedef name of an anonymous record (<c>Vector2</c>).</summary>
    public string Name { get; }

    /// <summary>Whether the record is a union (every field at offset 0).</summary>
    public bool IsUnion { get; }

    /// <summary>The record's size in bytes (<c>sizeof</c>), trailing padding included.</summary>
    public int Size { get; }

    /// <summary>The record's alignment in bytes (<c>_Alignof</c>).</summary>
    public int Alignment { get; }

    /// <summary>The named fields in declaration order; members of anonymous structs and unions are listed in place.</summary>
    public IReadOnlyList<CField> Fields { get; }

    /// <summary>Finds a field by name or by a dotted path through nested records (<c>pos.x</c>); array elements are not indexed.</summary>
    /// <param name="path">A field name, or names separated by dots.</param>
    /// <returns>The field; its <see cref="CField.Offset"/> is relative to the record that declares it (use <see cref="OffsetOf"/> for the absolute one).</returns>
    /// <exception cref="KeyNotFoundException">No such field; the message lists the fields there are.</exception>
    public CField Field(string path) => Resolve(path).Field;

    /// <summary>The absolute offset in bytes of the field at <paramref name="path"/> from the start of this record.</summary>
    /// <exception cref="KeyNotFoundException">No such field; the message lists the fields there are.</exception>
    public int OffsetOf(string path) => Resolve(path).Offset;

    /// <summary>Finds a field by name or dotted path without throwing.</summary>
    /// <param name="path">A field name, or names separated by dots.</param>
    /// <param name="field">The field, when found.</param>
    /// <param name="offset">Its absolute offset in bytes from the start of this record.</param>
    /// <returns>Whether the path names a field.</returns>
    public bool TryGetField(string path, [NotNullWhen(true)] out CField? field, out int offset)
    {
        ArgumentNullException.ThrowIfNull(path);
        var layout = this;
        field = null;
        offset = 0;
        foreach (var part in path.Split('.'))
        {
            if (layout is null || !layout._byName.TryGetValue(part, out field))
            {
                field = null;
                return false;
            }

            offset += field.Offset;
            layout = field.Layout;
        }

        return field is not null;
    }

    /// <summary>The layout as a table: a header line, then one line per field (nested records indented).</summary>
    /// <returns>For example <c>struct point: 8 bytes, align 4</c> followed by <c>  +0 (4) int x</c> lines.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, "");
        return builder.ToString().TrimEnd();
    }

    private void Append(StringBuilder builder, string indent)
    {
        builder.Append(indent).Append(Name).Append(": ").Append(Size).Append(" bytes, align ").Append(Alignment).Append(IsUnion ? ", union" : "").Append('\n');
        foreach (var field in Fields)
        {
            builder.Append(indent).Append("  ").Append(field).Append('\n');
            field.Layout?.Append(builder, indent + "    ");
        }
    }

    private (CField Field, int Offset) Resolve(string path)
    {
        if (TryGetField(path, out var field, out var offset))
        {
            return (field, offset);
        }

        throw new KeyNotFoundException(
            $"'{Name}' has no field '{path}'. Its fields are: {string.Join(", ", Fields.Select(f => f.Name))}. Reach nested fields with a dotted path ('pos.x').");
    }
}
