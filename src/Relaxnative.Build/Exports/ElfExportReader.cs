using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Reads the export table of an ELF shared library from its file, in process (no <c>nm</c>, no loading).
/// The dynamic symbol table is found through the section headers, or through <c>PT_DYNAMIC</c> when a
/// stripped file has none. Supports 64-bit little-endian ELF (x86-64, arm64). Thread-safe (no state).
/// </summary>
/// <remarks>
/// Export rule (glibc <c>elf.h</c>): defined (<c>st_shndx != SHN_UNDEF</c>), binding GLOBAL or WEAK (or GNU_UNIQUE),
/// visibility DEFAULT or PROTECTED; FUNC/IFUNC are functions, OBJECT are variables. A name listed under several
/// versions (<c>memcpy@GLIBC_2.2.5</c>, <c>memcpy@@GLIBC_2.14</c>) appears once, with its default version.
/// </remarks>
internal static class ElfExportReader
{
    private const int SymbolSize = 24;
    private const uint ShtSymtab = 2, ShtStrtab = 3, ShtDynsym = 11, ShtGnuVersym = 0x6fffffff, ShtGnuVerdef = 0x6ffffffd;
    private const byte SttObject = 1, SttFunc = 2, SttGnuIfunc = 10;
    private const byte StbGlobal = 1, StbWeak = 2, StbGnuUnique = 10;

    /// <summary>Returns whether the file starts with the ELF magic.</summary>
    public static bool IsElf(ReadOnlySpan<byte> start) => start.Length >= 4 && start[0] == 0x7f && start[1] == (byte)'E' && start[2] == (byte)'L' && start[3] == (byte)'F';

    /// <summary>Reads the export table of the ELF file at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The file is not a 64-bit little-endian ELF object, or its tables are damaged; the message names the file and the part.</exception>
    public static ExportTable Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            return Read(bytes);
        }
        catch (InvalidDataException e)
        {
            throw BuildErrors.MalformedElf(path, e.Message);
        }
    }

    /// <summary>Reads the export table from the bytes of an ELF file.</summary>
    /// <exception cref="InvalidDataException">Not a 64-bit little-endian ELF file, or damaged tables.</exception>
    public static ExportTable Read(byte[] file)
    {
        var elf = new ElfImage(file);
        var dynamic = elf.FindDynamicSymbols();
        var versions = elf.ReadVersionNames(dynamic);
        var functions = new Dictionary<string, (ExportedSymbol Symbol, bool Default)>(StringComparer.Ordinal);
        var variables = new Dictionary<string, (ExportedSymbol Symbol, bool Default)>(StringComparer.Ordinal);
        for (var i = 1; i < dynamic.Count; i++)
        {
            var symbol = elf.Symbol(dynamic.SymbolsOffset, i);
            var bind = (byte)(symbol.Info >> 4);
            var type = (byte)(symbol.Info & 0xf);
            var visibility = symbol.Other & 3;
            if (symbol.SectionIndex == 0 || bind is not (StbGlobal or StbWeak or StbGnuUnique) || visibility is 1 or 2)
            {
                continue;
            }

            var target = type is SttFunc or SttGnuIfunc ? functions : type == SttObject ? variables : null;
            if (target is null)
            {
                continue;
            }

            var name = elf.String(dynamic.StringsOffset, dynamic.StringsSize, symbol.Name);
            if (name.Length == 0)
            {
                continue;
            }

            // .gnu.version: 0 local, 1 global unversioned, else a verdef index; bit 15 marks a hidden (non-default) version.
            var versym = dynamic.VersymOffset < 0 ? (ushort)1 : elf.U16(dynamic.VersymOffset + (2L * i));
            var isDefault = (versym & 0x8000) == 0;
            var version = versions.GetValueOrDefault(versym & 0x7fff);
            var entry = new ExportedSymbol(name, version, type == SttGnuIfunc, symbol.Size);
            if (!target.TryGetValue(name, out var existing) || (isDefault && !existing.Default))
            {
                target[name] = (entry, isDefault);
            }
        }

        return new ExportTable(Sorted(functions), Sorted(variables), elf.LocalFunctions());
    }

    private static ExportedSymbol[] Sorted(Dictionary<string, (ExportedSymbol Symbol, bool Default)> symbols)
    {
        var list = symbols.Values.Select(v => v.Symbol).ToArray();
        Array.Sort(list, (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }

    private readonly record struct Sym(uint Name, byte Info, byte Other, ushort SectionIndex, ulong Value, ulong Size);

    private readonly record struct DynamicSymbols(long SymbolsOffset, int Count, long StringsOffset, long StringsSize, long VersymOffset, long VerdefOffset, int VerdefCount);

    /// <summary>Bounds-checked views of an ELF file's bytes; every offset read from the file is validated before use.</summary>
    private sealed class ElfImage
    {
        private readonly byte[] _file;
        private readonly List<(uint Type, ulong Offset, ulong Size, uint Link, ulong Info, ulong EntrySize, ulong Address)> _sections = [];

        public ElfImage(byte[] file)
        {
            _file = file;
            if (!IsElf(file))
            {
                throw new InvalidDataException("it does not start with the ELF magic bytes 7f 45 4c 46");
            }

            if (file.Length < 64 || file[4] != 2 || file[5] != 1)
            {
                throw new InvalidDataException($"only 64-bit little-endian ELF is read (class {file[4]}, data encoding {file[5]})");
            }

            var sectionOffset = (long)U64(0x28);
            var sectionEntrySize = U16(0x3a);
            long sectionCount = U16(0x3c);
            if (sectionOffset != 0 && sectionEntrySize >= 64)
            {
                // Extended numbering: more than 0xff00 sections store the count in section 0's sh_size.
                if (sectionCount == 0)
                {
                    sectionCount = (long)U64(sectionOffset + 0x20);
                }

                Check(sectionOffset, sectionCount * sectionEntrySize, "section header table");
                for (long i = 0; i < sectionCount; i++)
                {
                    var at = sectionOffset + (i * sectionEntrySize);
                    _sections.Add((U32(at + 4), U64(at + 0x18), U64(at + 0x20), U32(at + 0x28), U32(at + 0x2c), U64(at + 0x38), U64(at + 0x10)));
                }
            }
        }

        public DynamicSymbols FindDynamicSymbols()
        {
            var dynsym = _sections.FindIndex(s => s.Type == ShtDynsym);
            if (dynsym >= 0)
            {
                var symbols = _sections[dynsym];
                if (symbols.Link >= _sections.Count)
                {
                    throw new InvalidDataException($".dynsym links to string section {symbols.Link}, beyond the {_sections.Count} sections");
                }

                var strings = _sections[(int)symbols.Link];
                var count = (int)Math.Min(symbols.Size / SymbolSize, int.MaxValue);
                Check((long)symbols.Offset, (long)count * SymbolSize, ".dynsym");
                Check((long)strings.Offset, (long)strings.Size, ".dynstr");
                var versym = _sections.FindIndex(s => s.Type == ShtGnuVersym);
                var verdef = _sections.FindIndex(s => s.Type == ShtGnuVerdef);
                var versymOffset = versym >= 0 ? (long)_sections[versym].Offset : -1;
                if (versymOffset >= 0)
                {
                    Check(versymOffset, 2L * count, ".gnu.version");
                }

                return new DynamicSymbols((long)symbols.Offset, count, (long)strings.Offset, (long)strings.Size, versymOffset,
                    verdef >= 0 ? (long)_sections[verdef].Offset : -1, verdef >= 0 ? (int)_sections[verdef].Info : 0);
            }

            return new ProgramHeaders(this).FindDynamicSymbols();
        }

        /// <summary>Maps version indexes to names from <c>.gnu.version_d</c> (the library's own versions).</summary>
        public Dictionary<int, string> ReadVersionNames(DynamicSymbols dynamic)
        {
            var names = new Dictionary<int, string>();
            if (dynamic.VerdefOffset < 0)
            {
                return names;
            }

            // Version names live in .dynstr; the entry flagged VER_FLG_BASE names the file itself, not a version.
            var at = dynamic.VerdefOffset;
            for (var i = 0; i < Math.Max(dynamic.VerdefCount, 1) && i < 4096; i++)
            {
                Check(at, 20, ".gnu.version_d");
                var flags = U16(at + 2);
                var index = U16(at + 4);
                var aux = U32(at + 12);
                var next = U32(at + 16);
                if (aux != 0 && (flags & 1) == 0)
                {
                    Check(at + aux, 8, ".gnu.version_d");
                    names[index & 0x7fff] = String(dynamic.StringsOffset, dynamic.StringsSize, U32(at + aux));
                }

                if (next == 0)
                {
                    break;
                }

                at += next;
            }

            return names;
        }

        /// <summary>
        /// Functions in <c>.symtab</c> that are local to the library: <c>static</c> ones, and hidden ones, which the
        /// linker turns into LOCAL DEFAULT symbols (so the two cannot be told apart here; the source can).
        /// </summary>
        public IReadOnlyList<string> LocalFunctions()
        {
            var symtab = _sections.FindIndex(s => s.Type == ShtSymtab);
            if (symtab < 0 || _sections[symtab].Link >= _sections.Count || _sections[(int)_sections[symtab].Link].Type != ShtStrtab)
            {
                return [];
            }

            var symbols = _sections[symtab];
            var strings = _sections[(int)symbols.Link];
            var count = (int)Math.Min(symbols.Size / SymbolSize, int.MaxValue);
            Check((long)symbols.Offset, (long)count * SymbolSize, ".symtab");
            var local = new SortedSet<string>(StringComparer.Ordinal);
            for (var i = 1; i < count; i++)
            {
                var symbol = Symbol((long)symbols.Offset, i);
                if ((symbol.Info & 0xf) is SttFunc or SttGnuIfunc && symbol.Info >> 4 == 0 && symbol.SectionIndex != 0)
                {
                    var name = String((long)strings.Offset, (long)strings.Size, symbol.Name);
                    if (name.Length > 0)
                    {
                        local.Add(name);
                    }
                }
            }

            return [.. local];
        }

        public Sym Symbol(long tableOffset, int index)
        {
            var at = tableOffset + ((long)index * SymbolSize);
            Check(at, SymbolSize, "symbol table");
            return new Sym(U32(at), _file[at + 4], _file[at + 5], U16(at + 6), U64(at + 8), U64(at + 16));
        }

        public string String(long tableOffset, long tableSize, uint offset)
        {
            if (offset >= tableSize)
            {
                throw new InvalidDataException($"a symbol name offset {offset} lies beyond its string table ({tableSize} bytes)");
            }

            var span = _file.AsSpan((int)(tableOffset + offset), (int)(tableSize - offset));
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }

        public ushort U16(long at) => BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2));

        public uint U32(long at) => BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4));

        public ulong U64(long at) => BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8));

        public void Check(long offset, long length, string part)
        {
            if (offset < 0 || length < 0 || offset > _file.Length || length > _file.Length - offset)
            {
                throw new InvalidDataException($"the {part} (offset {offset}, {length} bytes) lies outside the file ({_file.Length} bytes)");
            }
        }

        private ReadOnlySpan<byte> Slice(long at, int length)
        {
            Check(at, length, "header");
            return _file.AsSpan((int)at, length);
        }

        /// <summary>The fallback for files without section headers: the dynamic segment, with addresses mapped through PT_LOAD.</summary>
        private readonly struct ProgramHeaders(ElfImage elf)
        {
            private const long DtNull = 0, DtHash = 4, DtStrtab = 5, DtSymtab = 6, DtStrsz = 10, DtGnuHash = 0x6ffffef5, DtVersym = 0x6ffffff0, DtVerdef = 0x6ffffffc, DtVerdefnum = 0x6ffffffd;

            public DynamicSymbols FindDynamicSymbols()
            {
                var offset = (long)elf.U64(0x20);
                var entrySize = elf.U16(0x36);
                var count = elf.U16(0x38);
                var loads = new List<(ulong Address, ulong Offset, ulong Size)>();
                long dynamicOffset = -1, dynamicSize = 0;
                for (var i = 0; i < count; i++)
                {
                    var at = offset + ((long)i * entrySize);
                    var type = elf.U32(at);
                    if (type == 1)
                    {
                        loads.Add((elf.U64(at + 0x10), elf.U64(at + 8), elf.U64(at + 0x20)));
                    }
                    else if (type == 2)
                    {
                        (dynamicOffset, dynamicSize) = ((long)elf.U64(at + 8), (long)elf.U64(at + 0x20));
                    }
                }

                if (dynamicOffset < 0)
                {
                    throw new InvalidDataException("it has neither a .dynsym section nor a PT_DYNAMIC segment (a static executable or an object file, not a shared library)");
                }

                var tags = new Dictionary<long, ulong>();
                for (long at = dynamicOffset; at + 16 <= dynamicOffset + dynamicSize; at += 16)
                {
                    var tag = (long)elf.U64(at);
                    if (tag == DtNull)
                    {
                        break;
                    }

                    tags.TryAdd(tag, elf.U64(at + 8));
                }

                long Map(long tag)
                {
                    if (!tags.TryGetValue(tag, out var address))
                    {
                        return -1;
                    }

                    foreach (var (start, fileOffset, size) in loads)
                    {
                        if (address >= start && address < start + size)
                        {
                            return (long)(address - start + fileOffset);
                        }
                    }

                    throw new InvalidDataException($"dynamic tag 0x{tag:x} points to address 0x{address:x}, outside every loaded segment");
                }

                var symbols = Map(DtSymtab);
                var strings = Map(DtStrtab);
                if (symbols < 0 || strings < 0)
                {
                    throw new InvalidDataException("its dynamic segment lacks DT_SYMTAB or DT_STRTAB");
                }

                var symbolCount = CountSymbols(Map(DtHash), Map(DtGnuHash), symbols);
                var stringsSize = (long)tags.GetValueOrDefault(DtStrsz);
                elf.Check(strings, stringsSize, "DT_STRTAB");
                return new DynamicSymbols(symbols, symbolCount, strings, stringsSize, Map(DtVersym), Map(DtVerdef), (int)tags.GetValueOrDefault(DtVerdefnum));
            }

            /// <summary>The symbol count is not stored: DT_HASH's nchain gives it, else walk DT_GNU_HASH to the last chain's end.</summary>
            private int CountSymbols(long hash, long gnuHash, long symbols)
            {
                if (hash >= 0)
                {
                    return (int)elf.U32(hash + 4);
                }

                if (gnuHash < 0)
                {
                    throw new InvalidDataException("its dynamic segment has neither DT_HASH nor DT_GNU_HASH, so the symbol count is unknown");
                }

                var buckets = elf.U32(gnuHash);
                var symbolOffset = elf.U32(gnuHash + 4);
                var bloomSize = elf.U32(gnuHash + 8);
                var bucketsAt = gnuHash + 16 + (8L * bloomSize);
                var chainsAt = bucketsAt + (4L * buckets);
                uint last = 0;
                for (long b = 0; b < buckets; b++)
                {
                    last = Math.Max(last, elf.U32(bucketsAt + (4 * b)));
                }

                if (last < symbolOffset)
                {
                    return (int)symbolOffset;
                }

                // Follow the last bucket's chain until the entry whose low bit marks the chain's end.
                while ((elf.U32(chainsAt + (4L * (last - symbolOffset))) & 1) == 0)
                {
                    last++;
                }

                elf.Check(symbols, (last + 1L) * SymbolSize, "DT_SYMTAB");
                return (int)last + 1;
            }
        }
    }
}
