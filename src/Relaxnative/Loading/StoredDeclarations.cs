using System.Buffers.Binary;
using System.Text.Json;
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
    // Layout: magic "RNDM", format 1, then the annotations' JSON length and bytes, then the model's JSON (the
    // Signatures room's own format). Length-prefixed, so reading never parses the model twice.
    private static ReadOnlySpan<byte> Magic => "RNDM"u8;
    private const int Format = 2;

    public byte[] Serialize()
    {
        var annotations = JsonSerializer.SerializeToUtf8Bytes(
            new StoredExtras(
                Annotations.ToDictionary(a => a.Key, a => StoredAnnotation.From(a.Value)),
                [.. InternalNames]),
            LoadingJsonContext.Default.StoredExtras);
        var model = CDeclarationModelJson.Serialize(Model);
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
            var extras = JsonSerializer.Deserialize(bytes.Slice(12, annotationLength), LoadingJsonContext.Default.StoredExtras);
            if (extras is null)
            {
                return null;
            }

            var model = CDeclarationModelJson.Deserialize(bytes[(12 + annotationLength)..]);
            return new StoredDeclarations(
                model,
                extras.Annotations.ToDictionary(a => a.Key, a => a.Value.ToAnnotations(), StringComparer.Ordinal),
                extras.Internal.ToHashSet(StringComparer.Ordinal));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or CParseException)
        {
            return null;
        }
    }
}
