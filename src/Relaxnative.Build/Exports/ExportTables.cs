namespace Relaxnative.Build;

/// <summary>Reads a shared library's export table in the format of the platform.</summary>
internal static class ExportTables
{
    /// <summary>Returns the export table of the library at <paramref name="libraryPath"/>, or <see langword="null"/> for formats not read yet (Mach-O, PE).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file claims to be ELF but its tables are damaged.</exception>
    public static ExportTable? Read(string libraryPath)
    {
        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(libraryPath))
        {
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !ElfExportReader.IsElf(magic))
            {
                return null;
            }
        }

        return ElfExportReader.Read(libraryPath);
    }
}
