using System.Buffers.Binary;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// What a load learns from a library's sources or headers, as stored in its cache entry: the merged declaration model
/// and the annotations of each definition (which come from comments, so the preprocessed text no longer has them).
/// </summary>
/// <param name="Model">Every declaration of every translation unit, merged.</param>
/// <param name="Annotations">Annotations per C function name, for definitions that have any.</param>
/// <param name="InternalNames">Names of skipped function declarations (C++ linkage, unreadable types) written <c>static</c> in
/// the original source: internal helpers a user does not expect to call, so they are not reported.</param>
internal sealed record StoredDeclarations(CDeclarationModel Model, IReadOnlyDictionary<string, FunctionAnnotations> Annotations, IReadOnlySet<string> InternalNames)
{
    /// <summary>The compiler's measurements of the model's records, by C name (see <see cref="RecordProbes"/>).</summary>
    public IReadOnlyDictionary<string, ProbedRecord> Probes { get; init; } = new Dictionary<string, ProbedRecord>();

    /// <summary>Why records were not measured (the probe failed, or no compiler was at hand), or <see langword="null"/>.</summary>
    public string? LayoutProblem { get; init; }

    private CLayoutTable? _layouts;

    /// <summary>The record layouts, built from <see cref="Probes"/> on first use.</summary>
    public CLayoutTable Layouts => _layouts ??= CLayoutTable.Create(Model, Probes, LayoutProblem);

    // Layout: magic "RNDM", format 5, then the length and bytes of the extras (annotations and record measurements, see
    // StoredExtrasFormat), then the model in the Signatures room's own binary format. Length-prefixed, so reading never
    // parses the model twice. Format 4 held the extras as JSON, whose serializer a fresh process had to compile.
    private static ReadOnlySpan<byte> Magic => "RNDM"u8;
    private const int Format = 5;

    /// <summary>Names this format and the model's, for cache keys: bytes stored under another name are never read as these.</summary>
    public static string FormatName { get; } = $"RNDM{Format}+RNCM{CDeclarationModelFormat.FormatVersion}";

    public byte[] Serialize()
    {
        var annotations = StoredExtrasFormat.Write(this);
        var model = CDeclarationModelFormat.Serialize(Model);
        var bytes = new byte[12 + annotations.Length + model.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Format);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), annotations.Length);
        annotations.CopyTo(bytes.AsSpan(12));
        model.CopyTo(bytes.AsSpan(12 + annotations.Length));
        return bytes;
    }

    /// <summary>Reads stored declarations; <see langword="null"/> when the bytes are of another format or damaged (the caller then analyzes again).</summary>
    public static StoredDeclarations? TryDeserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 12 || !bytes[..4].SequenceEqual(Magic) || BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]) != Format)
        {
            return null;
        }

        var annotationLength = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (annotationLength < 0 || annotationLength > bytes.Length - 12)
        {
            return null;
        }

        try
        {
            var model = CDeclarationModelFormat.Deserialize(bytes[(12 + annotationLength)..]);
            return StoredExtrasFormat.TryRead(bytes.Slice(12, annotationLength).ToArray(), model);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or CParseException)
        {
            return null;
        }
    }
}
