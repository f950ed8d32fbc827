using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>The cache's binary manifests: what is written reads back whole, and nothing damaged or foreign reads at all.</summary>
public sealed class ManifestFormatTests
{
    private static readonly BuildManifest s_manifest = new()
    {
        Schema = BuildSchema.Version,
        Key = new string('a', 64),
        SourceSetKey = new string('b', 64),
        Stable = true,
        Language = "C",
        Library = "libzlib_like.so",
        LibrarySha256 = new string('c', 64),
        LibraryIdentity = "2049:1234567:4096:1764547200.123456789",
        Platform = "linux-x64",
        CompilerPath = "/usr/bin/cc",
        CompilerVersion = "cc (Debian 12.2.0-14) 12.2.0",
        CommandLine = "cc -shared -fPIC -O2 -o libzlib_like.so deflate.c inflate.c",
        CreatedUtc = new DateTime(2026, 12, 1, 5, 30, 0, DateTimeKind.Utc).AddTicks(1234567),
        CompileMilliseconds = 123.456,
        Sources = [new FileHash("/src/zlib/deflate.c", new string('d', 64)), new FileHash("/src/zlib/inflate.c", new string('e', 64))],
        Headers = [new FileHash("/src/zlib/zlib.h", new string('f', 64)), new FileHash("/usr/include/stdio.h", new string('0', 64), "source")],
        ShadowPaths = ["/src/zlib/stdio.h", "/usr/local/include/stdio.h"],
        Exports = new ExportTable(
            [new ExportedSymbol("deflate", null, false, 812), new ExportedSymbol("memcpy_fast", "ZLIB_1.2", true, 0), new ExportedSymbol("inflate", null, false, ulong.MaxValue)],
            [new ExportedSymbol("z_errmsg", null, false, 80)],
            ["longest_match", "fill_window"]),
        Declarations = "declarations.bin",
        DeclarationsSha256 = new string('9', 64),
    };

    [Fact]
    public void TryReadBuild_WrittenManifest_ReadsBackEveryField()
    {
        var bytes = ManifestFormat.Write(s_manifest);

        var read = ManifestFormat.TryReadBuild(bytes);

        Assert.NotNull(read);
        Assert.Equal(s_manifest with { Sources = [], Headers = [], ShadowPaths = [], Exports = null }, read with { Sources = [], Headers = [], ShadowPaths = [], Exports = null });
        Assert.Equal(DateTimeKind.Utc, read.CreatedUtc.Kind);
        Assert.Equal(s_manifest.Sources, read.Sources);
        Assert.Equal(s_manifest.Headers, read.Headers);
        Assert.Equal(s_manifest.ShadowPaths, read.ShadowPaths);
        Assert.Equal(s_manifest.Exports!.Functions, read.Exports!.Functions);
        Assert.Equal(s_manifest.Exports.Variables, read.Exports.Variables);
        Assert.Equal(s_manifest.Exports.LocalFunctions, read.Exports.LocalFunctions);
        Assert.Equal(bytes, ManifestFormat.Write(read));
    }

    [Fact]
    public void TryReadBuild_NoExportsNoDeclarations_ReadsBackAbsent()
    {
        var read = ManifestFormat.TryReadBuild(ManifestFormat.Write(s_manifest with { Exports = null, Declarations = null, DeclarationsSha256 = null, LibraryIdentity = null }));

        Assert.NotNull(read);
        Assert.Null(read.Exports);
        Assert.Null(read.Declarations);
        Assert.Null(read.DeclarationsSha256);
        Assert.Null(read.LibraryIdentity);
    }

    [Fact]
    public void TryReadBuild_EveryTruncation_ReturnsNull()
    {
        var bytes = ManifestFormat.Write(s_manifest);

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(ManifestFormat.TryReadBuild(bytes[..length]));
        }
    }

    [Fact]
    public void TryReadBuild_AnyByteChanged_ReturnsNull()
    {
        var bytes = ManifestFormat.Write(s_manifest);

        for (var i = 0; i < bytes.Length; i++)
        {
            var damaged = (byte[])bytes.Clone();
            damaged[i] ^= 0x20;
            Assert.Null(ManifestFormat.TryReadBuild(damaged));
        }
    }

    [Fact]
    public void TryReadBuild_PreviousJsonManifest_ReturnsNull()
    {
        var json = """{"schema": 3, "key": "ab", "sourceSetKey": "ab", "stable": true, "library": "libadd.so"}"""u8.ToArray();

        Assert.Null(ManifestFormat.TryReadBuild(json));
    }

    [Fact]
    public void TryReadBuild_HeaderModelManifest_ReturnsNull()
    {
        var headerModel = ManifestFormat.Write(new HeaderModelManifest { Schema = 4, Key = "k", Declarations = "d", DeclarationsSha256 = "s" });

        Assert.Null(ManifestFormat.TryReadBuild(headerModel));
    }

    [Fact]
    public void TryReadHeaderModel_WrittenManifest_ReadsBackEveryField()
    {
        var manifest = new HeaderModelManifest
        {
            Schema = BuildSchema.Version,
            Key = new string('1', 64),
            Headers = [new FileHash("/usr/include/sqlite3.h", new string('2', 64))],
            Declarations = "declarations.bin",
            DeclarationsSha256 = new string('3', 64),
            CreatedUtc = DateTime.UnixEpoch,
        };

        var read = ManifestFormat.TryReadHeaderModel(ManifestFormat.Write(manifest));

        Assert.NotNull(read);
        Assert.Equal(manifest with { Headers = [] }, read with { Headers = [] });
        Assert.Equal(manifest.Headers, read.Headers);
    }

    [Fact]
    public void TryRead_ForgedCountWithValidHash_ReturnsNullWithoutAllocating()
    {
        // A hash only proves the bytes were not damaged by accident: a forger can seal any body.
        var forged = SealedFile.Write("TEST"u8, 1, w => w.Count(int.MaxValue));

        Assert.Null(SealedFile.TryRead(forged, "TEST"u8, 1, r => r.Strings()));
        Assert.Null(SealedFile.TryRead(forged, "TEST"u8, 1, r => r.String()));
        Assert.Null(SealedFile.TryRead(forged, "TEST"u8, 1, r => r.Bytes()));
    }

    [Fact]
    public void TryRead_BodyNotReadToItsEnd_ReturnsNull()
    {
        var sealedFile = SealedFile.Write("TEST"u8, 1, w =>
        {
            w.String("read");
            w.String("left over");
        });

        Assert.Equal("read", SealedFile.TryRead(sealedFile, "TEST"u8, 1, r => r.String() + r.String()[..0]));
        Assert.Null(SealedFile.TryRead(sealedFile, "TEST"u8, 1, r => r.String()));
    }

    [Fact]
    public void TryRead_FlagOtherThanZeroOrOne_ReturnsNull()
    {
        var sealedFile = SealedFile.Write("TEST"u8, 1, w => w.Count(2));

        Assert.Null(SealedFile.TryRead(sealedFile, "TEST"u8, 1, r => r.OptionalString() ?? ""));
    }

    [Fact]
    public void TryRead_OtherVersion_ReturnsNull()
    {
        var sealedFile = SealedFile.Write("TEST"u8, 2, w => w.String("x"));

        Assert.Null(SealedFile.TryRead(sealedFile, "TEST"u8, 1, r => r.String()));
        Assert.Equal("x", SealedFile.TryRead(sealedFile, "TEST"u8, 2, r => r.String()));
    }
}
