using System.Text;

namespace Relaxnative.Signatures;

/// <summary>
/// Writes the binary model: magic, version, then the string table, the file table, the type table (children before
/// parents) and the declarations, every reference an index into an earlier table. Integers are 7-bit encoded; an
/// optional string or value is written as its index or value plus one, zero meaning absent.
/// </summary>
internal sealed class ModelBinaryWriter
{
    internal static ReadOnlySpan<byte> Magic => "RNCM"u8;

    private readonly MemoryStream _body = new();
    private readonly BinaryWriter _out;
    private readonly List<string> _strings = [];
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private readonly List<(int File, bool System)> _files = [];
    private readonly Dictionary<(string, bool), int> _fileIndex = [];
    private readonly MemoryStream _typeBytes = new();
    private readonly BinaryWriter _types;
    private readonly Dictionary<CType, int> _typeIndex = [];

    private ModelBinaryWriter()
    {
        _out = new BinaryWriter(_body, Encoding.UTF8);
        _types = new BinaryWriter(_typeBytes, Encoding.UTF8);
    }

    public static byte[] Write(CDeclarationModel model)
    {
        var writer = new ModelBinaryWriter();
        writer.WriteDeclarations(model);
        return writer.Assemble();
    }

    private void WriteDeclarations(CDeclarationModel model)
    {
        Count(model.Functions.Count);
        foreach (var f in model.Functions)
        {
            Signature(_out, f.Signature);
            _out.Write((byte)f.Storage);
            _out.Write((byte)((f.IsInline ? 1 : 0) | (f.IsDefinition ? 2 : 0) | (f.HasCLinkage ? 4 : 0)));
            _out.Write((byte)(f.Visibility is { } v ? (int)v + 1 : 0));
            OptionalString(_out, f.AsmLabel);
            Location(f.Location);
            Count(f.Bounds.Count);
            foreach (var pair in f.Bounds)
            {
                Count(pair.BufferIndex);
                Count(pair.CountIndex);
                String(_out, pair.Origin);
            }
        }

        Count(model.Typedefs.Count);
        foreach (var t in model.Typedefs)
        {
            String(_out, t.Name);
            Count(Type(t.Type));
            Bounds(t.ArrayBounds);
            Location(t.Location);
        }

        Count(model.Records.Count);
        foreach (var r in model.Records)
        {
            _out.Write((byte)r.Kind);
            OptionalString(_out, r.Tag);
            String(_out, r.Key);
            _out.Write(r.IsPacked);
            OptionalInt(r.AlignmentBytes);
            Location(r.Location);
            Count(r.Members.Count);
            foreach (var m in r.Members)
            {
                OptionalString(_out, m.Name);
                Count(Type(m.Type));
                OptionalInt(m.BitWidth);
                Bounds(m.ArrayBounds);
                OptionalInt(m.AlignmentBytes);
                _out.Write(m.IsPacked);
            }
        }

        Count(model.Enums.Count);
        foreach (var e in model.Enums)
        {
            OptionalString(_out, e.Tag);
            Location(e.Location);
            Count(e.Constants.Count);
            foreach (var c in e.Constants)
            {
                String(_out, c.Name);
                OptionalLong(c.Value);
                OptionalString(_out, c.UnknownReason);
            }
        }

        Count(model.Skipped.Count);
        foreach (var s in model.Skipped)
        {
            String(_out, s.Name);
            String(_out, s.Reason);
            Location(s.Location);
            _out.Write(s.IsFunction);
        }

        Count(model.Variables.Count);
        foreach (var v in model.Variables)
        {
            String(_out, v.Name);
            Count(Type(v.Type));
            Bounds(v.ArrayBounds);
            _out.Write((byte)v.Storage);
            _out.Write((byte)((v.IsDefinition ? 1 : 0) | (v.HasCLinkage ? 2 : 0)));
            _out.Write((byte)(v.Visibility is { } visibility ? (int)visibility + 1 : 0));
            OptionalString(_out, v.AsmLabel);
            Location(v.Location);
        }
    }

    private byte[] Assemble()
    {
        _out.Flush();
        _types.Flush();
        using var result = new MemoryStream();
        using (var header = new BinaryWriter(result, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(Magic);
            header.Write(CDeclarationModelFormat.FormatVersion);
            header.Write7BitEncodedInt(_strings.Count);
            foreach (var s in _strings)
            {
                header.Write(s);
            }

            header.Write7BitEncodedInt(_files.Count);
            foreach (var (file, system) in _files)
            {
                header.Write7BitEncodedInt(file);
                header.Write(system);
            }

            header.Write7BitEncodedInt(_typeIndex.Count);
        }

        _typeBytes.WriteTo(result);
        _body.WriteTo(result);
        return result.ToArray();
    }

    private void Count(int value) => _out.Write7BitEncodedInt(value);

    private void OptionalInt(int? value) => _out.Write7BitEncodedInt64(value is { } v ? (long)v + 1 : 0);

    private void OptionalLong(long? value)
    {
        _out.Write(value.HasValue);
        if (value is { } v)
        {
            _out.Write7BitEncodedInt64(v);
        }
    }

    private void Bounds(IReadOnlyList<long?> bounds)
    {
        Count(bounds.Count);
        foreach (var bound in bounds)
        {
            OptionalLong(bound);
        }
    }

    private void Location(CSourceLocation location)
    {
        var key = (location.File, location.IsSystemHeader);
        if (!_fileIndex.TryGetValue(key, out var index))
        {
            index = _files.Count;
            _files.Add((StringIndex(location.File), location.IsSystemHeader));
            _fileIndex[key] = index;
        }

        Count(index);
        Count(location.Line);
    }

    private int StringIndex(string value)
    {
        if (!_stringIndex.TryGetValue(value, out var index))
        {
            index = _strings.Count;
            _strings.Add(value);
            _stringIndex[value] = index;
        }

        return index;
    }

    private void String(BinaryWriter to, string value) => to.Write7BitEncodedInt(StringIndex(value));

    private void OptionalString(BinaryWriter to, string? value) => to.Write7BitEncodedInt(value is null ? 0 : StringIndex(value) + 1);

    private void Signature(BinaryWriter to, CFunctionSignature signature)
    {
        // Types first: interning may append to the type table, which must not interleave with `to` when `to` is it.
        var returnType = Type(signature.ReturnType);
        var parameterTypes = new int[signature.Parameters.Count];
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            parameterTypes[i] = Type(signature.Parameters[i].Type);
        }

        OptionalString(to, signature.Name.Length == 0 ? null : signature.Name);
        to.Write7BitEncodedInt(returnType);
        to.Write(signature.IsVariadic);
        to.Write7BitEncodedInt(parameterTypes.Length);
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            OptionalString(to, signature.Parameters[i].Name);
            to.Write7BitEncodedInt(parameterTypes[i]);
        }
    }

    private int Type(CType type)
    {
        if (_typeIndex.TryGetValue(type, out var known))
        {
            return known;
        }

        // Pointer chains are interned bottom-up without recursion: pointees get smaller indexes than their pointers.
        var chain = new List<CType>();
        var bottom = type;
        while (bottom.Kind == CTypeKind.Pointer && bottom.TypedefName is null && !_typeIndex.ContainsKey(bottom))
        {
            chain.Add(bottom);
            bottom = bottom.Pointee!;
        }

        var index = _typeIndex.TryGetValue(bottom, out var found) ? found : AddLeaf(bottom);
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            _types.Write((byte)ModelTypeTag.Pointer);
            _types.Write7BitEncodedInt(index);
            _types.Write(chain[i].IsConst);
            index = Add(chain[i]);
        }

        return index;
    }

    private int AddLeaf(CType type)
    {
        if (type.TypedefName is { } name)
        {
            var underlying = Type(type.Underlying!);
            _types.Write((byte)ModelTypeTag.Typedef);
            String(_types, name);
            _types.Write7BitEncodedInt(underlying);
            _types.Write(type.Spelling.StartsWith("const ", StringComparison.Ordinal));
            return Add(type);
        }

        if (type.Kind == CTypeKind.FunctionPointer)
        {
            // The signature's types are interned before its tag byte is written (see Signature), so the table stays ordered.
            using var signature = new MemoryStream();
            using (var signatureWriter = new BinaryWriter(signature, Encoding.UTF8, leaveOpen: true))
            {
                Signature(signatureWriter, type.Function!);
            }

            _types.Write((byte)ModelTypeTag.FunctionPointer);
            _types.Write(type.IsConst);
            _types.Flush();
            signature.WriteTo(_typeBytes);
            return Add(type);
        }

        var spelling = type.IsConst && type.Spelling.StartsWith("const ", StringComparison.Ordinal) ? type.Spelling[6..] : type.Spelling;
        var named = type.Kind is CTypeKind.Struct or CTypeKind.Opaque;
        _types.Write((byte)(named ? ModelTypeTag.Named : ModelTypeTag.Scalar));
        _types.Write((byte)type.Kind);
        _types.Write(type.IsConst);
        String(_types, spelling);
        OptionalString(_types, type.TagName);
        return Add(type);
    }

    private int Add(CType type)
    {
        var index = _typeIndex.Count;
        _typeIndex[type] = index;
        return index;
    }
}
