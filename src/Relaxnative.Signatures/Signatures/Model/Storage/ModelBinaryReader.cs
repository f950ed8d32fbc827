using System.Text;

namespace Relaxnative.Signatures;

/// <summary>Reads what <see cref="ModelBinaryWriter"/> wrote, checking every index against the tables read so far.</summary>
internal ref struct ModelBinaryReader
{
    private ReadOnlySpan<byte> _bytes;
    private string[] _strings;
    private CSourceLocation?[] _locationsByFile;
    private ModelFile[] _files;
    private CType[] _types;
    private int _typeCount;

    private ModelBinaryReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _strings = [];
        _locationsByFile = [];
        _files = [];
        _types = [];
    }

    public static CDeclarationModel Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(ModelBinaryWriter.Magic))
        {
            throw new FormatException(SignatureMessages.ModelDamaged("it does not start with the model's magic bytes"));
        }

        var version = BitConverter.ToInt32(bytes[4..8]);
        if (version != CDeclarationModelFormat.FormatVersion)
        {
            throw new FormatException(SignatureMessages.ModelVersion(version, CDeclarationModelFormat.FormatVersion));
        }

        var reader = new ModelBinaryReader(bytes[8..]);
        try
        {
            var model = reader.ReadModel();
            return reader._bytes.IsEmpty ? model : throw new FormatException(SignatureMessages.ModelDamaged($"{reader._bytes.Length} bytes follow the model"));
        }
        catch (Exception error) when (error is ArgumentException or IndexOutOfRangeException or OverflowException or DecoderFallbackException)
        {
            throw new FormatException(SignatureMessages.ModelDamaged(error.Message), error);
        }
    }

    private CDeclarationModel ReadModel()
    {
        _strings = new string[Count()];
        for (var i = 0; i < _strings.Length; i++)
        {
            var length = Count();
            _strings[i] = Encoding.UTF8.GetString(Take(length));
        }

        _files = new ModelFile[Count()];
        _locationsByFile = new CSourceLocation?[_files.Length];
        for (var i = 0; i < _files.Length; i++)
        {
            _files[i] = new ModelFile(Index(_strings.Length), Bool());
        }

        _types = new CType[Count()];
        for (_typeCount = 0; _typeCount < _types.Length; _typeCount++)
        {
            _types[_typeCount] = ReadType();
        }

        var functions = new CFunctionDeclaration[Count()];
        for (var i = 0; i < functions.Length; i++)
        {
            var signature = Signature();
            var storage = (CStorageClass)Byte();
            var flags = Byte();
            var visibility = Byte();
            var asm = OptionalString();
            var location = Location();
            var pairs = new CBoundsPair[Count()];
            for (var p = 0; p < pairs.Length; p++)
            {
                pairs[p] = new CBoundsPair(Count(), Count(), String());
            }

            functions[i] = new CFunctionDeclaration(signature, storage, (flags & 1) != 0, (flags & 2) != 0,
                visibility == 0 ? null : (CVisibility)(visibility - 1), asm, (flags & 4) != 0, location)
            {
                Bounds = pairs,
            };
        }

        var typedefs = new CTypedefDeclaration[Count()];
        for (var i = 0; i < typedefs.Length; i++)
        {
            typedefs[i] = new CTypedefDeclaration(String(), Type(), Bounds(), Location());
        }

        var records = new CRecordDefinition[Count()];
        for (var i = 0; i < records.Length; i++)
        {
            var kind = (CRecordKind)Byte();
            var tag = OptionalString();
            var key = String();
            var packed = Bool();
            var alignment = OptionalInt();
            var location = Location();
            var members = new CRecordMember[Count()];
            for (var m = 0; m < members.Length; m++)
            {
                members[m] = new CRecordMember(OptionalString(), Type(), OptionalInt(), Bounds(), OptionalInt(), Bool());
            }

            records[i] = new CRecordDefinition(kind, tag, key, members, packed, alignment, location);
        }

        var enums = new CEnumDefinition[Count()];
        for (var i = 0; i < enums.Length; i++)
        {
            var tag = OptionalString();
            var location = Location();
            var constants = new CEnumConstant[Count()];
            for (var c = 0; c < constants.Length; c++)
            {
                constants[c] = new CEnumConstant(String(), OptionalLong(), OptionalString());
            }

            enums[i] = new CEnumDefinition(tag, constants, location);
        }

        var skipped = new CSkippedDeclaration[Count()];
        for (var i = 0; i < skipped.Length; i++)
        {
            skipped[i] = new CSkippedDeclaration(String(), String(), Location(), Bool());
        }

        var variables = new CVariableDeclaration[Count()];
        for (var i = 0; i < variables.Length; i++)
        {
            var name = String();
            var type = Type();
            var bounds = Bounds();
            var storage = (CStorageClass)Byte();
            var flags = Byte();
            var visibility = Byte();
            variables[i] = new CVariableDeclaration(name, type, bounds, storage, (flags & 1) != 0,
                visibility == 0 ? null : (CVisibility)(visibility - 1), OptionalString(), (flags & 2) != 0, Location());
        }

        return new CDeclarationModel(functions, typedefs, records, enums, skipped, variables);
    }

    private CType ReadType()
    {
        var tag = (ModelTypeTag)Byte();
        switch (tag)
        {
            case ModelTypeTag.Pointer:
                return CType.PointerTo(Type(), Bool());
            case ModelTypeTag.Typedef:
                return CType.Typedef(String(), Type(), Bool());
            case ModelTypeTag.FunctionPointer:
                var isConst = Bool();
                return CType.FunctionPointerTo(Signature(), isConst);
            case ModelTypeTag.Scalar or ModelTypeTag.Named:
                var kind = (CTypeKind)Byte();
                var constant = Bool();
                var spelling = String();
                var typeTag = OptionalString();
                return tag == ModelTypeTag.Named
                    ? CType.Named(kind, typeTag ?? throw new FormatException(SignatureMessages.ModelDamaged($"type {_typeCount} is a named type without a tag")), spelling, constant)
                    : CType.Scalar(kind, spelling, constant, typeTag);
            default:
                throw new FormatException(SignatureMessages.ModelDamaged($"type {_typeCount} has the unknown encoding {(int)tag}"));
        }
    }

    private CFunctionSignature Signature()
    {
        var name = OptionalString() ?? string.Empty;
        var returnType = Type();
        var variadic = Bool();
        var parameters = new CParameter[Count()];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new CParameter(i, OptionalString(), Type());
        }

        return new CFunctionSignature(name, returnType, parameters, variadic);
    }

    // A type refers only to types before it (the writer interns children first), so the table needs no second pass.
    private CType Type() => _types[Index(_typeCount)];

    private CSourceLocation Location()
    {
        var file = Index(_files.Length);
        var line = Count();
        if (_locationsByFile[file] is { } last && last.Line == line)
        {
            return last;
        }

        var location = new CSourceLocation(_strings[_files[file].File], line, _files[file].System);
        _locationsByFile[file] = location;
        return location;
    }

    private IReadOnlyList<long?> Bounds()
    {
        var count = Count();
        if (count == 0)
        {
            return [];
        }

        var bounds = new long?[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = OptionalLong();
        }

        return bounds;
    }

    private string String() => _strings[Index(_strings.Length)];

    private string? OptionalString()
    {
        var index = Count();
        return index == 0 ? null : _strings[CheckIndex(index - 1, _strings.Length)];
    }

    private int? OptionalInt()
    {
        var value = Long();
        return value == 0 ? null : checked((int)(value - 1));
    }

    private long? OptionalLong() => Bool() ? Long() : null;

    private int Index(int limit) => CheckIndex(Count(), limit);

    private static int CheckIndex(int index, int limit) =>
        (uint)index < (uint)limit ? index : throw new FormatException(SignatureMessages.ModelDamaged($"index {index} is outside a table of {limit}"));

    private bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var other => throw new FormatException(SignatureMessages.ModelDamaged($"{other} where a flag (0 or 1) belongs")),
    };

    private byte Byte()
    {
        var value = Take(1)[0];
        return value;
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if ((uint)length > (uint)_bytes.Length)
        {
            throw new FormatException(SignatureMessages.ModelDamaged("it is truncated"));
        }

        var taken = _bytes[..length];
        _bytes = _bytes[length..];
        return taken;
    }

    private int Count()
    {
        var value = Long();
        return value <= int.MaxValue ? (int)value : throw new FormatException(SignatureMessages.ModelDamaged($"the count {value} is too large"));
    }

    // The 7-bit encoding BinaryWriter.Write7BitEncodedInt64 writes: low groups first, high bit set on all but the last byte.
    private long Long()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            result |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return (long)result;
            }
        }

        throw new FormatException(SignatureMessages.ModelDamaged("a number is longer than 10 bytes"));
    }
}

/// <summary>A file of the model's file table: its name's index in the string table, and whether it is a system header.</summary>
/// <remarks>A type of this assembly rather than a tuple, so a precompiled image holds the code that handles it.</remarks>
internal readonly record struct ModelFile(int File, bool System);
