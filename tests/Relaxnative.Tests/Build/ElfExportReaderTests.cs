using Relaxnative.Build;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Build;

public sealed class ElfExportReaderTests
{
    private static string Libc => FindSystemLibrary("libc.so.6");

    private static string Libz => FindSystemLibrary("libz.so.1");

    [Fact]
    public void Read_Libc_ListsFunctionsOnceWithDefaultVersion()
    {
        var table = ElfExportReader.Read(Libc);

        Assert.True(table.Functions.Count > 2000, $"libc exports {table.Functions.Count} functions");
        Assert.Equal(table.Functions.Count, table.Functions.Select(f => f.Name).Distinct().Count());
        // memcpy is listed as memcpy@GLIBC_2.2.5 and memcpy@@GLIBC_2.14: the default version wins.
        var memcpy = Assert.Single(table.Functions, f => f.Name == "memcpy");
        Assert.Equal("GLIBC_2.14", memcpy.Version);
        Assert.True(memcpy.IsIndirect);
        Assert.Contains(table.Functions, f => f.Name == "printf" && !f.IsIndirect);
        Assert.Contains(table.Variables, v => v.Name == "environ");
        Assert.DoesNotContain(table.Functions, f => f.Name == "environ");
    }

    [Fact]
    public void Read_Libz_ListsPublicApi()
    {
        var table = ElfExportReader.Read(Libz);

        var names = table.Functions.Select(f => f.Name).ToHashSet();
        Assert.Contains("crc32", names);
        Assert.Contains("adler32", names);
        Assert.Contains("deflateInit_", names);
        Assert.DoesNotContain("memcpy", names); // an import, not an export
        Assert.Null(table.Functions.First(f => f.Name == "crc32").Version); // the base version: unversioned
        Assert.Equal("ZLIB_1.2.9", table.Functions.First(f => f.Name == "crc32_z").Version);
    }

    [Fact]
    public void Read_BuiltFixture_ClassifiesEveryShape()
    {
        var table = ElfExportReader.Read(NativeFixtures.Build("realworld/exports_shapes.c"));

        Assert.Equal(["exports_calls_static", "exports_plain", "exports_protected", "exports_weak"], table.Functions.Select(f => f.Name));
        Assert.Equal(["exports_counter", "exports_name"], table.Variables.Select(v => v.Name));
        Assert.Equal(4ul, table.Variables[0].Size); // int
        Assert.Equal(7ul, table.Variables[1].Size); // "shapes" and its NUL
        Assert.Contains("exports_hidden", table.LocalFunctions);
        Assert.DoesNotContain("exports_plain", table.LocalFunctions);
        Assert.Null(table.Functions[0].Version);
    }

    [Theory]
    [InlineData("libc.so.6")]
    [InlineData("libz.so.1")]
    public void Read_WithoutSectionHeaders_FallsBackToDynamicSegmentWithSameResult(string library)
    {
        var bytes = File.ReadAllBytes(FindSystemLibrary(library));
        var expected = ElfExportReader.Read(bytes);

        // A file stripped of its section headers: e_shoff = 0, e_shnum = 0.
        BitConverter.TryWriteBytes(bytes.AsSpan(0x28, 8), 0L);
        BitConverter.TryWriteBytes(bytes.AsSpan(0x3c, 2), (ushort)0);
        var fallback = ElfExportReader.Read(bytes);

        Assert.Equal(expected.Functions, fallback.Functions);
        Assert.Equal(expected.Variables, fallback.Variables);
    }

    [Fact]
    public void Read_NotElf_ThrowsInvalidDataNamingFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"relaxnative-not-elf-{Guid.NewGuid():N}.so");
        File.WriteAllText(path, "/* GNU ld script */ INPUT(libfoo.so.1)");
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => ElfExportReader.Read(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("ELF magic", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_TruncatedTable_ThrowsInvalidDataNotIndexOutOfRange()
    {
        var bytes = File.ReadAllBytes(Libz);
        var truncated = bytes[..4096];

        var error = Assert.Throws<InvalidDataException>(() => ElfExportReader.Read(truncated));
        Assert.Contains("outside the file", error.Message, StringComparison.Ordinal);
    }

    internal static string FindSystemLibrary(string name) =>
        new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib" }
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException($"{name} is not installed in a standard library folder.");
}
