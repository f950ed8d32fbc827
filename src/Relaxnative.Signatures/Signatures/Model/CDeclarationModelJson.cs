namespace Relaxnative.Signatures;

/// <summary>
/// Writes a <see cref="CDeclarationModel"/> as compact, versioned JSON and reads it back, so a cache entry or a prebuilt
/// manifest can carry the declarations and a warm load neither preprocesses nor parses. Types are stored once in a table
/// and referenced by index, so reading is linear in the size of the model. Pure and thread-safe.
/// </summary>
internal static class CDeclarationModelJson
{
    /// <summary>The format version written by <see cref="Serialize"/>; <see cref="Deserialize"/> refuses any other.</summary>
    public const int FormatVersion = 2;

    /// <summary>Serializes <paramref name="model"/> to UTF-8 JSON.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The UTF-8 bytes of the JSON document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static byte[] Serialize(CDeclarationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelJsonWriter.Write(model);
    }

    /// <summary>Reads a model written by <see cref="Serialize"/>.</summary>
    /// <param name="utf8Json">The UTF-8 JSON bytes.</param>
    /// <returns>The model, equal in content to the one serialized.</returns>
    /// <exception cref="FormatException">The bytes are not a model of <see cref="FormatVersion"/> (damaged, truncated, or
    /// written by another version); the message says which. Rebuild the entry to write it again.</exception>
    public static CDeclarationModel Deserialize(ReadOnlySpan<byte> utf8Json) => ModelJsonReader.Read(utf8Json);
}
