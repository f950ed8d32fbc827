using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// The declarations stored by a build that had no analyzer (a plain <see cref="NativeBuilder.Build(string, BuildOptions?, CancellationToken)"/>
/// or <see cref="NativeBuilder.BuildPrebuilt(IEnumerable{string}, string, BuildOptions?, CancellationToken)"/>): the preprocessed
/// units themselves, Brotli-compressed. A later load parses them without a compiler, so a prebuilt library still binds
/// every function on a machine that has none.
/// </summary>
internal static class PreprocessedArchive
{
    private static ReadOnlySpan<byte> Magic => "RNPP"u8;

    /// <summary>An analyzer that stores the units as they are.</summary>
    public static DeclarationAnalyzer Analyzer { get; } = new("RNPP1", Write);

    public static byte[] Write(IReadOnlyList<PreprocessedUnit> units)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Magic);
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(brotli, Encoding.UTF8))
        {
            writer.Write(units.Count);
            foreach (var unit in units)
            {
                writer.Write(unit.SourcePath);
                writer.Write((int)unit.Language);
                writer.Write(unit.Text);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Reads units written by <see cref="Write"/>; <see langword="null"/> for other bytes or damage.</summary>
    public static IReadOnlyList<PreprocessedUnit>? TryRead(byte[] bytes)
    {
        if (bytes.Length < 4 || !bytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            return null;
        }

        try
        {
            using var brotli = new BrotliStream(new MemoryStream(bytes, 4, bytes.Length - 4), CompressionMode.Decompress);
            using var reader = new BinaryReader(brotli, Encoding.UTF8);
            var count = reader.ReadInt32();
            if (count is < 0 or > 100_000)
            {
                return null;
            }

            var units = new List<PreprocessedUnit>(count);
            for (var i = 0; i < count; i++)
            {
                units.Add(new PreprocessedUnit(reader.ReadString(), (SourceLanguage)reader.ReadInt32(), reader.ReadString()));
            }

            return units;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }
}
