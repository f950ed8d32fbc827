using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>A damaged entry is evicted and rebuilt once; it never bricks its source, and a rebuild that is still bad fails clearly.</summary>
public sealed class BuildCacheTests : IDisposable
{
    private const string AddSource = "int add(int a, int b) { return a + b; }\n";
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    public static TheoryData<string> DamageKinds => new()
    {
        "manifest-corrupt", "manifest-empty", "manifest-deleted", "manifest-without-hash", "manifest-truncated",
        "manifest-byte-flipped", "manifest-newer-version", "manifest-previous-format",
        "library-deleted", "library-truncated", "library-emptied", "library-replaced",
    };

    [Theory]
    [MemberData(nameof(DamageKinds))]
    public void Build_DamagedEntry_EvictsAndRebuilds(string damage)
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        Damage(first, damage);

        var second = NativeBuilder.Build(source, _fixture.Options);
        var third = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(first.LibraryPath, second.LibraryPath);
        Assert.Equal(5, BuildFixture.CallIntInt(second.LibraryPath, "add", 2, 3));
        Assert.True(third.CacheHit);
        Assert.Single(_fixture.Manifests());
    }

    [Fact]
    public void Build_LibraryRewrittenKeepingSizeAndModificationTime_IsStillDetected()
    {
        // A hit trusts the recorded file identity instead of hashing; the change time, which no user can set back,
        // is what catches a rewrite that restores size and modification time.
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        var modified = File.GetLastWriteTimeUtc(first.LibraryPath);
        var bytes = File.ReadAllBytes(first.LibraryPath);
        bytes[bytes.Length / 2] ^= 0xFF;
        using (var stream = new FileStream(first.LibraryPath, FileMode.Open, FileAccess.Write))
        {
            stream.Write(bytes);
        }

        File.SetLastWriteTimeUtc(first.LibraryPath, modified);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(5, BuildFixture.CallIntInt(second.LibraryPath, "add", 2, 3));
    }

    [Fact]
    public void Build_LibraryReplacedByIdenticalCopy_IsHitAndRecordsNewIdentity()
    {
        // A cache restored from a backup: same bytes, new inode. One full hash, then the new identity is recorded.
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        var before = ReadIdentity(first);
        var copy = first.LibraryPath + ".copy";
        File.Copy(first.LibraryPath, copy);
        File.Move(copy, first.LibraryPath, overwrite: true);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.True(second.CacheHit);
        Assert.NotNull(before);
        Assert.NotEqual(before, ReadIdentity(second));
        Assert.Equal(FileStatus.Of(second.LibraryPath, followLinks: false).Identity, ReadIdentity(second));
        Assert.True(NativeBuilder.Build(source, _fixture.Options).CacheHit);
    }

    [Fact]
    public void Build_EntryOwnedByAnotherUser_IsEvictedAndRebuilt()
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        CacheTamper.GiveToAnotherUser(Path.GetDirectoryName(first.LibraryPath)!);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(FileStatus.CurrentUserId, FileStatus.Of(second.LibraryPath, followLinks: false).OwnerId);
    }

    [Fact]
    public void Build_RebuiltEntryStillDamaged_ThrowsNamingEntryAndLeavesNothing()
    {
        // A compiler wrapper that, once the flag file exists, leaves a link where the library should be.
        var flag = Path.Combine(_fixture.Folder, "leave-link");
        var target = Path.Combine(_fixture.Folder, "linked.so");
        var compiler = _fixture.WriteScript("cc-wrapper", $$"""
            if [ "$1" = "--version" ]; then exec cc --version; fi
            cc "$@" || exit $?
            if [ -e '{{flag}}' ]; then
              out=""; previous=""
              for a in "$@"; do if [ "$previous" = "-o" ]; then out="$a"; fi; previous="$a"; done
              mv "$out" '{{target}}' && ln -s '{{target}}' "$out"
            fi
            """);
        var options = _fixture.Options with { Compiler = compiler };
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, options);
        File.WriteAllBytes(first.LibraryPath, File.ReadAllBytes(first.LibraryPath)[..100]);
        File.WriteAllText(flag, "");

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, options));

        var entry = Path.GetDirectoryName(first.LibraryPath)!;
        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("even after it was evicted and rebuilt", error.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Manifests());
        Assert.True(File.Exists(target), "eviction followed the link and deleted its target");

        File.Delete(flag);
        Assert.Equal(5, BuildFixture.CallIntInt(NativeBuilder.Build(source, options).LibraryPath, "add", 2, 3));
    }

    private static string? ReadIdentity(CompileResult result) => CacheTamper.ReadManifest(result).LibraryIdentity;

    private void Damage(CompileResult result, string damage)
    {
        var manifest = CacheTamper.ManifestOf(result);
        switch (damage)
        {
            case "manifest-corrupt":
                File.WriteAllText(manifest, "{\"schema\": 2, \"library\": ");
                break;
            case "manifest-empty":
                File.WriteAllBytes(manifest, []);
                break;
            case "manifest-deleted":
                File.Delete(manifest);
                break;
            case "manifest-without-hash":
                CacheTamper.EditManifest(manifest, m => m with { LibrarySha256 = "" });
                break;
            case "manifest-truncated":
                File.WriteAllBytes(manifest, File.ReadAllBytes(manifest)[..^1]);
                break;
            case "manifest-byte-flipped":
                var bytes = File.ReadAllBytes(manifest);
                bytes[bytes.Length / 2] ^= 0x01;
                File.WriteAllBytes(manifest, bytes);
                break;
            case "manifest-newer-version":
                // Sealed correctly, but by a later Relaxnative: its layout cannot be trusted to mean what this one reads.
                var newer = File.ReadAllBytes(manifest);
                newer[4]++;
                System.Security.Cryptography.SHA256.HashData(newer.AsSpan(0, newer.Length - 32), newer.AsSpan(newer.Length - 32));
                File.WriteAllBytes(manifest, newer);
                break;
            case "manifest-previous-format":
                // An entry as the JSON-manifest releases wrote it: manifest.json, no manifest.bin.
                File.Move(manifest, Path.Combine(Path.GetDirectoryName(manifest)!, "manifest.json"));
                File.WriteAllText(Path.Combine(Path.GetDirectoryName(manifest)!, "manifest.json"), "{\"schema\": 3, \"stable\": true}");
                break;
            case "library-deleted":
                File.Delete(result.LibraryPath);
                break;
            case "library-truncated":
                File.WriteAllBytes(result.LibraryPath, File.ReadAllBytes(result.LibraryPath)[..512]);
                break;
            case "library-emptied":
                File.WriteAllBytes(result.LibraryPath, []);
                break;
            case "library-replaced":
                CacheTamper.WriteForeignLibrary(_fixture, result.LibraryPath);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(damage), damage, "unknown damage kind");
        }
    }
}
