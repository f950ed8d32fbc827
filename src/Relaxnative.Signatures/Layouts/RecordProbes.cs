using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Relaxnative.Signatures;

/// <summary>
/// Writes the C probe that makes the compiler measure every record of a model, and turns what it measured back into
/// <see cref="CLayout"/>s. No layout rule is computed here: sizes, alignments, offsets and bitfield bits all come
/// from the compiler. Pure and thread-safe.
/// </summary>
/// <remarks>
/// A root is a record the probe can name: a tagged struct or union (<c>struct point</c>), or the typedef of an
/// anonymous one (<c>Vector2</c>). Per root, one array <c>rn_layout_N</c> of <c>unsigned long long</c> holds
/// <c>sizeof</c>, <c>_Alignof</c>, then per member <c>offsetof</c> (GCC's extended member paths, <c>inner.a</c>,
/// <c>arr[0].b</c>), <c>sizeof</c>, element <c>sizeof</c> and element <c>_Alignof</c>. Per bitfield, a union
/// <c>rn_bits_N_K</c> of the record and its bytes, initialized with that field set to -1: its set bits are the
/// field's position. Both go to one section and are found by symbol name.
/// </remarks>
internal static class RecordProbes
{
    private const string Section = ".rnprobe";

    /// <summary>The records of <paramref name="model"/> the probe names, each with its C spelling.</summary>
    public static IReadOnlyList<(string Spelling, CRecordDefinition Record)> Roots(CDeclarationModel model)
    {
        var roots = new List<(string, CRecordDefinition)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in model.Records.Where(r => r.Tag is not null))
        {
            if (seen.Add(record.Key))
            {
                roots.Add((record.Key, record));
            }
        }

        foreach (var typedef in model.Typedefs.Where(t => t.ArrayBounds.Count == 0 && t.Type.Kind == CTypeKind.Struct))
        {
            if (model.TryGetRecord(KeyOf(typedef.Type), out var record) && record.Tag is null && seen.Add(typedef.Name))
            {
                roots.Add((typedef.Name, record));
            }
        }

        return roots;
    }

    /// <summary>The record key a struct or union type names (<c>struct point</c>, or an anonymous record's key).</summary>
    public static string KeyOf(CType type) => type.Resolved.WithConst(false).Spelling;

    /// <summary>The C text to append to the unit that defines <paramref name="roots"/>.</summary>
    public static string Source(CDeclarationModel model, IReadOnlyList<(string Spelling, CRecordDefinition Record)> roots)
    {
        var text = new StringBuilder();
        text.Append("\n/* relaxnative layout probe */\n");
        for (var i = 0; i < roots.Count; i++)
        {
            var (root, record) = roots[i];
            var nodes = Flatten(Walk(model, record));
            text.Append("static const unsigned long long rn_layout_").Append(i).Append("[] __attribute__((used, section(\"").Append(Section)
                .Append("\"))) = { sizeof(").Append(root).Append("), _Alignof(").Append(root).Append(')');
            foreach (var node in nodes.Where(n => n.Member.BitWidth is null))
            {
                var member = $"((({root}*)0)->{node.Path})";
                var element = $"((({root}*)0)->{node.Path}{ElementSuffix(node)})";
                text.Append(",\n  __builtin_offsetof(").Append(root).Append(", ").Append(node.Path).Append("), ")
                    .Append(node.IsFlexible ? "0" : $"sizeof{member}").Append(", sizeof").Append(element)
                    .Append(", _Alignof(__typeof__").Append(element).Append(')');
            }

            text.Append(" };\n");
            var bits = 0;
            foreach (var node in nodes.Where(n => n.Member.BitWidth is not null))
            {
                text.Append("static const union { ").Append(root).Append(" s; unsigned char b[sizeof(").Append(root).Append(")]; } rn_bits_")
                    .Append(i).Append('_').Append(bits++).Append(" __attribute__((used, section(\"").Append(Section)
                    .Append("\"))) = { .s = { .").Append(node.Path).Append(" = -1 } };\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Collects each root's probe values from the symbols of the probe section.</summary>
    public static Dictionary<string, ProbedRecord> Collect(CDeclarationModel model, IReadOnlyList<(string Spelling, CRecordDefinition Record)> roots,
        IReadOnlyDictionary<string, byte[]> symbols)
    {
        var result = new Dictionary<string, ProbedRecord>(StringComparer.Ordinal);
        for (var i = 0; i < roots.Count; i++)
        {
            if (!symbols.TryGetValue("rn_layout_" + i.ToString(CultureInfo.InvariantCulture), out var bytes))
            {
                continue;
            }

            var numbers = new ulong[bytes.Length / 8];
            for (var n = 0; n < numbers.Length; n++)
            {
                numbers[n] = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(n * 8));
            }

            var bitCount = Flatten(Walk(model, roots[i].Record)).Count(n => n.Member.BitWidth is not null);
            var bits = new byte[bitCount][];
            for (var k = 0; k < bitCount; k++)
            {
                bits[k] = symbols.TryGetValue($"rn_bits_{i}_{k}", out var image) ? image : [];
            }

            result[roots[i].Spelling] = new ProbedRecord(numbers, bits);
        }

        return result;
    }

    /// <summary>
    /// Builds the layout of <paramref name="record"/> named <paramref name="name"/> from its probe values; <see langword="null"/>
    /// when the values do not fit the record's members (the model changed since the probe ran).
    /// </summary>
    public static CLayout? Read(CDeclarationModel model, string name, CRecordDefinition record, ProbedRecord probed)
    {
        var nodes = Walk(model, record);
        var all = Flatten(nodes);
        var expected = 2 + (4 * all.Count(n => n.Member.BitWidth is null));
        if (probed.Numbers.Length != expected || probed.Bits.Length != all.Count(n => n.Member.BitWidth is not null))
        {
            return null;
        }

        var reader = new ProbeReader(probed);
        var size = reader.Next();
        var alignment = reader.Next();
        var fields = Build(nodes, ref reader, baseOffset: 0);
        return new CLayout(name, record.Kind == CRecordKind.Union, size, alignment, fields);
    }

    private static List<CField> Build(List<ProbeNode> nodes, ref ProbeReader reader, int baseOffset)
    {
        var fields = new List<CField>(nodes.Count);
        foreach (var node in nodes)
        {
            var member = node.Member;
            if (member.BitWidth is not null)
            {
                var (first, width) = SetBits(reader.NextBits());
                var relative = first - (8 * baseOffset);
                var bytes = ((relative % 8) + width + 7) / 8;
                fields.Add(new CField(member.Name!, member.Type, relative / 8, bytes, bytes, null, relative % 8, width, null));
                continue;
            }

            int offset = reader.Next(), size = reader.Next(), elementSize = reader.Next(), elementAlignment = reader.Next();
            CLayout? nested = null;
            if (node.Record is { } record)
            {
                nested = new CLayout(member.Type.WithConst(false).Spelling, record.Kind == CRecordKind.Union, elementSize, elementAlignment,
                    Build(node.Children, ref reader, offset));
            }

            int? length = member.ArrayBounds.Count == 0 ? null : node.IsFlexible || elementSize == 0 ? 0 : size / elementSize;
            fields.Add(new CField(member.Name!, member.Type, offset - baseOffset, size, elementSize, length, null, null, nested));
        }

        return fields;
    }

    private static (int First, int Width) SetBits(byte[] image)
    {
        int first = -1, width = 0;
        for (var bit = 0; bit < image.Length * 8; bit++)
        {
            if ((image[bit / 8] & (1 << (bit % 8))) != 0)
            {
                first = first < 0 ? bit : first;
                width++;
            }
        }

        return (Math.Max(first, 0), width);
    }

    /// <summary>The members of <paramref name="record"/> in probe order: anonymous members flattened, nested records as children.</summary>
    private static List<ProbeNode> Walk(CDeclarationModel model, CRecordDefinition record, string prefix = "", int depth = 0)
    {
        var nodes = new List<ProbeNode>();
        for (var i = 0; i < record.Members.Count; i++)
        {
            var member = record.Members[i];
            var inner = member.Type.Kind == CTypeKind.Struct && member.Type.PointerDepth == 0 && model.TryGetRecord(KeyOf(member.Type), out var found) ? found : null;
            if (member.Name is null)
            {
                if (member.BitWidth is null && inner is not null && depth < 16)
                {
                    nodes.AddRange(Walk(model, inner, prefix, depth + 1)); // anonymous struct/union: its members are the outer record's
                }

                continue; // unnamed bitfield: padding
            }

            var path = prefix + member.Name;
            var flexible = record.Kind == CRecordKind.Struct && i == record.Members.Count - 1 && member.ArrayBounds.Count > 0 && member.ArrayBounds[0] is null;
            var node = new ProbeNode(path, member, member.BitWidth is null ? inner : null, flexible, member.ArrayBounds.Count);
            if (node.Record is not null && depth < 16)
            {
                node.Children.AddRange(Walk(model, node.Record, path + ElementSuffix(node) + ".", depth + 1));
            }

            nodes.Add(node);
        }

        return nodes;
    }

    /// <summary>Every node depth-first, each before its children: the order of the probe's values.</summary>
    private static List<ProbeNode> Flatten(List<ProbeNode> nodes)
    {
        var all = new List<ProbeNode>();
        foreach (var node in nodes)
        {
            all.Add(node);
            all.AddRange(Flatten(node.Children));
        }

        return all;
    }

    private static string ElementSuffix(ProbeNode node) => string.Concat(Enumerable.Repeat("[0]", node.Dimensions));

    private sealed record ProbeNode(string Path, CRecordMember Member, CRecordDefinition? Record, bool IsFlexible, int Dimensions)
    {
        public List<ProbeNode> Children { get; } = [];
    }

    private struct ProbeReader(ProbedRecord probed)
    {
        private int _number;
        private int _bits;

        public int Next() => checked((int)probed.Numbers[_number++]);

        public byte[] NextBits() => probed.Bits[_bits++];
    }
}
