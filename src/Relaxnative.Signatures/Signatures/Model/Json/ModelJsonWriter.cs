using System.Text.Json;

namespace Relaxnative.Signatures;

/// <summary>Turns a model into <see cref="ModelDto"/> (types interned into one table) and writes it.</summary>
internal sealed class ModelJsonWriter
{
    private readonly List<TypeDto> _types = [];
    private readonly Dictionary<CType, int> _typeIndex = [];
    private readonly List<string> _files = [];
    private readonly List<bool> _system = [];
    private readonly Dictionary<string, int> _fileIndex = new(StringComparer.Ordinal);

    public static byte[] Write(CDeclarationModel model)
    {
        var writer = new ModelJsonWriter();
        var dto = writer.ToDto(model);
        return JsonSerializer.SerializeToUtf8Bytes(dto, ModelJsonContext.Default.ModelDto);
    }

    private ModelDto ToDto(CDeclarationModel model)
    {
        var functions = model.Functions.Select(f =>
        {
            var (file, line) = Location(f.Location);
            return new FunctionDto
            {
                Sig = Signature(f.Signature),
                St = (int)f.Storage,
                In = f.IsInline,
                Def = f.IsDefinition,
                Vis = f.Visibility is { } v ? (int)v + 1 : 0,
                Asm = f.AsmLabel,
                CL = f.HasCLinkage,
                Fi = file,
                L = line,
                Bd = f.Bounds.Count == 0 ? null : [.. f.Bounds.Select(b => new BoundsDto { B = b.BufferIndex, N = b.CountIndex, O = b.Origin })],
            };
        }).ToArray();
        var typedefs = model.Typedefs.Select(t =>
        {
            var (file, line) = Location(t.Location);
            return new TypedefDto { N = t.Name, T = Type(t.Type), B = Bounds(t.ArrayBounds), Fi = file, L = line };
        }).ToArray();
        var records = model.Records.Select(r =>
        {
            var (file, line) = Location(r.Location);
            return new RecordDto
            {
                K = (int)r.Kind,
                Tag = r.Tag,
                Key = r.Key,
                Pk = r.IsPacked,
                Al = r.AlignmentBytes,
                Fi = file,
                L = line,
                M = r.Members.Select(m => new MemberDto
                {
                    N = m.Name, T = Type(m.Type), W = m.BitWidth, B = Bounds(m.ArrayBounds), Al = m.AlignmentBytes, Pk = m.IsPacked,
                }).ToArray(),
            };
        }).ToArray();
        var enums = model.Enums.Select(e =>
        {
            var (file, line) = Location(e.Location);
            return new EnumDto
            {
                Tag = e.Tag, Fi = file, L = line,
                C = e.Constants.Select(c => new EnumConstantDto { N = c.Name, V = c.Value, Why = c.UnknownReason }).ToArray(),
            };
        }).ToArray();
        var skipped = model.Skipped.Select(s =>
        {
            var (file, line) = Location(s.Location);
            return new SkipDto { N = s.Name, Why = s.Reason, Fi = file, L = line, Fn = s.IsFunction };
        }).ToArray();
        var variables = model.Variables.Select(v =>
        {
            var (file, line) = Location(v.Location);
            return new VariableDto
            {
                N = v.Name, T = Type(v.Type), B = Bounds(v.ArrayBounds), St = (int)v.Storage, Def = v.IsDefinition,
                Vis = v.Visibility is { } visibility ? (int)visibility + 1 : 0, Asm = v.AsmLabel, CL = v.HasCLinkage, Fi = file, L = line,
            };
        }).ToArray();
        return new ModelDto
        {
            V = CDeclarationModelJson.FormatVersion,
            Files = [.. _files],
            Sys = [.. _system],
            T = [.. _types],
            F = functions,
            D = typedefs,
            R = records,
            E = enums,
            S = skipped,
            Va = variables,
        };
    }

    private static long?[]? Bounds(IReadOnlyList<long?> bounds) => bounds.Count == 0 ? null : [.. bounds];

    private (int File, int Line) Location(CSourceLocation location)
    {
        var key = location.File + (location.IsSystemHeader ? "\u0001" : string.Empty);
        if (!_fileIndex.TryGetValue(key, out var index))
        {
            index = _files.Count;
            _files.Add(location.File);
            _system.Add(location.IsSystemHeader);
            _fileIndex[key] = index;
        }

        return (index, location.Line);
    }

    private SignatureDto Signature(CFunctionSignature signature) => new()
    {
        N = signature.Name.Length == 0 ? null : signature.Name,
        R = Type(signature.ReturnType),
        Va = signature.IsVariadic,
        P = signature.Parameters.Select(p => new ParameterDto { N = p.Name, T = Type(p.Type) }).ToArray(),
    };

    private int Type(CType type)
    {
        if (_typeIndex.TryGetValue(type, out var known))
        {
            return known;
        }

        // Pointer chains are written bottom-up without recursion: pointees get smaller indexes than their pointers.
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
            index = Add(chain[i], new TypeDto { K = (int)CTypeKind.Pointer, C = chain[i].IsConst, P = index + 1 });
        }

        return index;
    }

    private int AddLeaf(CType type)
    {
        if (type.TypedefName is { } name)
        {
            var underlying = Type(type.Underlying!);
            var explicitConst = type.Spelling.StartsWith("const ", StringComparison.Ordinal);
            return Add(type, new TypeDto { K = (int)type.Kind, Td = name, C = explicitConst, P = underlying + 1 });
        }

        if (type.Kind == CTypeKind.FunctionPointer)
        {
            return Add(type, new TypeDto { K = (int)type.Kind, C = type.IsConst, Fn = Signature(type.Function!) });
        }

        var spelling = type.IsConst && type.Spelling.StartsWith("const ", StringComparison.Ordinal) ? type.Spelling[6..] : type.Spelling;
        return Add(type, new TypeDto { K = (int)type.Kind, C = type.IsConst, Sp = spelling, Tag = type.TagName });
    }

    private int Add(CType type, TypeDto dto)
    {
        var index = _types.Count;
        _types.Add(dto);
        _typeIndex[type] = index;
        return index;
    }
}
