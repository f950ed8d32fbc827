using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Reads the symbols of one section of a 64-bit little-endian ELF relocatable object (<c>.o</c>) with their bytes,
/// through the static symbol table (<c>.symtab</c>). Static objects stay as local symbols in an object file, so a
/// probe is found by its name, never by its position (gcc at <c>-O2</c> emits them in reverse order).
/// </summary>
internal static class ObjectSectionReader
{
    private const uint ShtSymtab = 2;
    private const int SectionHeaderSize = 64, SymbolSize = 24;

    /// <summary>Every named symbol defined in <paramref name="sectionName"/>, with <c>st_size</c> bytes from its value.</summary>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or a table points outside it.</exception>
    public static IReadOnlyDictionary<string, byte[]> ReadSymbols(byte[] file, string sectionName)
    {
        if (file.Length < 64 || file[0] != 0x7f || file[1] != (byte)'E' || file[2] != (byte)'L' || file[3] != (byte)'F' || file[4] != 2 || file[5] != 1)
        {
            throw new InvalidDataException("the probe object is not a 64-bit little-endian ELF file");
        }

        var sectionsAt = (long)U64(file, 0x28);
        int sectionCount = U16(file, 0x3c), namesIndex = U16(file, 0x3e);
        Section Header(int index)
        {
            var at = sectionsAt + ((long)index * SectionHeaderSize);
            Check(file, at, SectionHeaderSize);
            return new Section(U32(file, at), U32(file, at + 4), (long)U64(file, at + 0x18), (long)U64(file, at + 0x20), (int)U32(file, at + 0x28));
        }

        var names = Header(namesIndex);
        int target = -1, symbols = -1;
        for (var i = 0; i < sectionCount; i++)
        {
            var section = Header(i);
            if (section.Type == ShtSymtab)
            {
                symbols = i;
            }
            else if (String(file, names.Offset, section.Name) == sectionName)
            {
                target = i;
            }
        }

        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (target < 0 || symbols < 0)
        {
            return result;
        }

        var data = Header(target);
        var table = Header(symbols);
        var strings = Header(table.Link);
        for (long at = table.Offset; at + SymbolSize <= table.Offset + table.Size; at += SymbolSize)
        {
            Check(file, at, SymbolSize);
            if (U16(file, at + 6) != target || U32(file, at) == 0)
            {
                continue;
            }

            long value = (long)U64(file, at + 8), size = (long)U64(file, at + 16);
            if (value < 0 || size < 0 || value + size > data.Size)
            {
                throw new InvalidDataException("a probe symbol points outside its section");
            }

            Check(file, data.Offset + value, size);
            result[String(file, strings.Offset, U32(file, at))] = file.AsSpan((int)(data.Offset + value), (int)size).ToArray();
        }

        return result;
    }

    private readonly record struct Section(uint Name, uint Type, long Offset, long Size, int Link);

    private static string String(byte[] file, long tableOffset, uint offset)
    {
        var start = tableOffset + offset;
        Check(file, start, 1);
        var end = Array.IndexOf(file, (byte)0, (int)start);
        return Encoding.UTF8.GetString(file, (int)start, (end < 0 ? file.Length : end) - (int)start);
    }

    private static void Check(byte[] file, long offset, long length)
    {
        if (offset < 0 || length < 0 || offset > file.Length - length)
        {
            throw new InvalidDataException($"the probe object's tables point outside the file (offset {offset}, length {length}, file {file.Length} bytes)");
        }
    }

    private static ushort U16(byte[] file, long at) { Check(file, at, 2); return BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)at)); }

    private static uint U32(byte[] file, long at) { Check(file, at, 4); return BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)at)); }

    private static ulong U64(byte[] file, long at) { Check(file, at, 8); return BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan((int)at)); }
}
