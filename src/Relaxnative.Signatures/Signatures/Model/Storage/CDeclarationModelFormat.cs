namespace Relaxnative.Signatures;

/// <summary>
/// Writes a <see cref="CDeclarationModel"/> in a compact, versioned binary form and reads it back, so a cache entry or a
/// prebuilt manifest can carry the declarations and a warm load neither preprocesses nor parses. Strings and types are
/// stored once in tables and referenced by index, so reading is linear in the size of the model, allocates each distinct
/// string and type once, and never recurses. Pure and thread-safe.
/// </summary>
internal static class CDeclarationModelFormat
{
    /// <summary>The format version written by <see cref="Serialize"/>; <see cref="Deserialize"/> refuses any other.</summary>
    public const int FormatVersion = 3;

    /// <summary>Serializes <paramref name="model"/>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>The bytes, starting with the magic <c>RNCM</c> and <see cref="FormatVersion"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is <see langword="null"/>.</exception>
    public static byte[] Serialize(CDeclarationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModelBinaryWriter.Write(model);
    }

    /// <summary>Reads a model written by <see cref="Serialize"/>.</summary>
    /// <param name="bytes">The serialized bytes.</param>
    /// <returns>The model, equal in content to the one serialized.</returns>
    /// <exception cref="FormatException">The bytes are not a model of <see cref="FormatVersion"/> (damaged, truncated, or
    /// written by another version); the message says which. Rebuild the entry to write it again.</exception>
    public static CDeclarationModel Deserialize(ReadOnlySpan<byte> bytes) => ModelBinaryReader.Read(bytes);
}
