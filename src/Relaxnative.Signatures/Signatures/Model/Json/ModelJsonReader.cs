using System.Text.Json;

namespace Relaxnative.Signatures;

/// <summary>Reads <see cref="ModelDto"/> JSON back into a model, building each type once from the table.</summary>
internal static class ModelJsonReader
{
    public static CDeclarationModel Read(ReadOnlySpan<byte> utf8Json)
    {
        ModelDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(utf8Json, ModelJsonContext.Default.ModelDto);
        }
        catch (JsonException error)
        {
            throw new FormatException(SignatureMessages.ModelJsonDamaged(error.Message), error);
        }

        if (dto is null)
        {
            throw new FormatException(SignatureMessages.ModelJsonDamaged("the document is 'null'"));
        }

        if (dto.V != CDeclarationModelJson.FormatVersion)
        {
            throw new FormatException(SignatureMessages.ModelJsonVersion(dto.V, CDeclarationModelJson.FormatVersion));
        }

        try
        {
            return Build(dto);
        }
        catch (Exception error) when (error is IndexOutOfRangeException or ArgumentException or NullReferenceException or InvalidCastException)
        {
            throw new FormatException(SignatureMessages.ModelJsonDamaged(error.Message), error);
        }
    }

    private static CDeclarationModel Build(ModelDto dto)
    {
        var locations = new Dictionary<(int, int), CSourceLocation>();
        CSourceLocation Location(int file, int line)
        {
            if (!locations.TryGetValue((file, line), out var location))
            {
                location = new CSourceLocation(dto.Files[file], line, file < dto.Sys.Length && dto.Sys[file]);
                locations[(file, line)] = location;
            }

            return location;
        }

        var types = new CType[dto.T.Length];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = BuildType(dto.T[i], types, i);
        }

        var functions = new CFunctionDeclaration[dto.F.Length];
        for (var i = 0; i < functions.Length; i++)
        {
            var f = dto.F[i];
            functions[i] = new CFunctionDeclaration(Signature(f.Sig, types), (CStorageClass)f.St, f.In, f.Def,
                f.Vis == 0 ? null : (CVisibility)(f.Vis - 1), f.Asm, f.CL, Location(f.Fi, f.L))
            {
                Bounds = f.Bd is null ? [] : [.. f.Bd.Select(b => new CBoundsPair(b.B, b.N, b.O))],
            };
        }

        var typedefs = dto.D.Select(t => new CTypedefDeclaration(t.N, types[t.T], Bounds(t.B), Location(t.Fi, t.L))).ToArray();
        var records = dto.R.Select(r => new CRecordDefinition((CRecordKind)r.K, r.Tag, r.Key,
            r.M.Select(m => new CRecordMember(m.N, types[m.T], m.W, Bounds(m.B), m.Al, m.Pk)).ToArray(),
            r.Pk, r.Al, Location(r.Fi, r.L))).ToArray();
        var enums = dto.E.Select(e => new CEnumDefinition(e.Tag,
            e.C.Select(c => new CEnumConstant(c.N, c.V, c.Why)).ToArray(), Location(e.Fi, e.L))).ToArray();
        var skipped = dto.S.Select(s => new CSkippedDeclaration(s.N, s.Why, Location(s.Fi, s.L), s.Fn)).ToArray();
        var variables = dto.Va.Select(v => new CVariableDeclaration(v.N, types[v.T], Bounds(v.B), (CStorageClass)v.St, v.Def,
            v.Vis == 0 ? null : (CVisibility)(v.Vis - 1), v.Asm, v.CL, Location(v.Fi, v.L))).ToArray();
        return new CDeclarationModel(functions, typedefs, records, enums, skipped, variables);
    }

    private static IReadOnlyList<long?> Bounds(long?[]? bounds) => bounds ?? [];

    private static CType BuildType(TypeDto t, CType[] types, int index)
    {
        var kind = (CTypeKind)t.K;
        if (t.P > index)
        {
            throw new ArgumentException($"type {index} refers to type {t.P - 1}, which is not before it");
        }

        if (t.Td is { } name)
        {
            return CType.Typedef(name, types[t.P - 1], t.C);
        }

        return kind switch
        {
            CTypeKind.Pointer => CType.PointerTo(types[t.P - 1], t.C),
            CTypeKind.FunctionPointer => CType.FunctionPointerTo(Signature(t.Fn!, types), t.C),
            CTypeKind.Struct or CTypeKind.Opaque => CType.Named(kind, t.Tag!, t.Sp, t.C),
            _ => CType.Scalar(kind, t.Sp, t.C, t.Tag),
        };
    }

    private static CFunctionSignature Signature(SignatureDto s, CType[] types)
    {
        var parameters = new CParameter[s.P.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new CParameter(i, s.P[i].N, types[s.P[i].T]);
        }

        return new CFunctionSignature(s.N ?? string.Empty, types[s.R], parameters, s.Va);
    }
}
