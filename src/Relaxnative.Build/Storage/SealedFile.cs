using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// A small binary file that is never read without a check: a four-byte magic naming what it holds, the format
/// version, the body's length, the body, and the SHA-256 of everything before it. What a warm load reads from the
/// cache is stored this way rather than as JSON: reading it needs no serializer, so a fresh process compiles no
/// serializer code and loads none of its types.
/// </summary>
/// <remarks>
/// The hash catches truncation and accidental damage; the readers also check every count and index against the bytes
/// left, so a file forged with a valid hash fails as damaged too, never with an unbounded allocation or a crash.
/// </remarks>
internal static class SealedFile
{
    private const int HeaderLength = 12;
    private const int HashLength = 32;

    /// <summary>Writes a sealed file's bytes: the header, what <paramref name="writeBody"/> writes, the hash.</summary>
    /// <param name="magic">Four ASCII bytes naming the content.</param>
    /// <param name="version">The content's format version; a reader refuses any other.</param>
    /// <param name="writeBody">Writes the body.</param>
    public static byte[] Write(ReadOnlySpan<byte> magic, int version, Action<SealedWriter> writeBody)
    {
        using var stream = new MemoryStream();
        stream.Write(magic);
        Span<byte> header = stackalloc byte[8];
        stream.Write(header); // version and length, filled in below
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writeBody(new SealedWriter(writer));
        }

        var bodyLength = checked((int)stream.Length - HeaderLength);
        stream.Write(stackalloc byte[HashLength]);
        var bytes = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), version);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), bodyLength);
        ContentHash.Of(bytes.AsSpan(0, HeaderLength + bodyLength)).CopyTo(bytes.AsSpan(HeaderLength + bodyLength));
        return bytes;
    }

    /// <summary>
    /// Reads a sealed file's body with <paramref name="readBody"/>; <see langword="null"/> when the bytes are of another
    /// content or version, truncated, damaged, or the body does not read back whole (the caller rebuilds what it held).
    /// </summary>
    public static T? TryRead<T>(byte[] bytes, ReadOnlySpan<byte> magic, int version, Func<SealedReader, T> readBody)
        where T : class
    {
        if (bytes.Length < HeaderLength + HashLength
            || !bytes.AsSpan(0, 4).SequenceEqual(magic)
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)) != version
            || BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)) != bytes.Length - HeaderLength - HashLength)
        {
            return null;
        }

        var bodyEnd = bytes.Length - HashLength;
        // A plain comparison: the hash guards against damage, it is not a secret.
        if (!ContentHash.Of(bytes.AsSpan(0, bodyEnd)).AsSpan().SequenceEqual(bytes.AsSpan(bodyEnd)))
        {
            return null;
        }

        return SealedReader.TryReadAll(bytes, HeaderLength, bodyEnd - HeaderLength, readBody);
    }
}
