using System.Diagnostics;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>The cache refuses folders other users control and never reaches a library through a link or a path.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // permission bits and links are the subject
public sealed class CacheTrustTests : IDisposable
{
    private const string AddSource = "int add(int a, int b) { return a + b; }\n";
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly BuildFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_NewCache_CreatesEverythingPrivate()
    {
        var result = NativeBuilder.Build(_fixture.Write("add.c", AddSource), _fixture.Options);

        var entry = Path.GetDirectoryName(result.LibraryPath)!;
        foreach (var folder in new[] { _fixture.CacheRoot, Path.Combine(_fixture.CacheRoot, "entries"), Path.Combine(_fixture.CacheRoot, "tmp"), Path.GetDirectoryName(entry)!, entry })
        {
            Assert.Equal((folder, Private), (folder, File.GetUnixFileMode(folder)));
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheTamper.ManifestOf(result)));
        Assert.Equal(Private, File.GetUnixFileMode(result.LibraryPath));
        Assert.Equal(CacheTamper.Sha256Of(result.LibraryPath), CacheTamper.ReadManifest(result).LibrarySha256);
    }

    [SkippableFact]
    public void Build_RootOwnedByAnotherUser_RefusesWithPathAndFix()
    {
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        CacheTamper.GiveToAnotherUser(_fixture.CacheRoot);

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains($"'{_fixture.CacheRoot}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("owned by uid 65534", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chown -R 0 {_fixture.CacheRoot}", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Build_EntriesOwnedByAnotherUser_RefusesWithPathAndFix()
    {
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        var entries = Path.Combine(_fixture.CacheRoot, "entries");
        CacheTamper.GiveToAnotherUser(entries);

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains($"'{entries}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("owned by uid 65534", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Build_RootPreparedByAnotherUser_IsRefused()
    {
        // Another user creates the root first in a shared sticky folder, as one could with a predictable cache path.
        File.SetUnixFileMode(_fixture.Folder, (UnixFileMode)Convert.ToInt32("711", 8)); // the other user may pass through
        var shared = Path.Combine(_fixture.Folder, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)Convert.ToInt32("1777", 8));
        var root = Path.Combine(shared, "cache");
        CacheTamper.RequireRoot();

        var info = new ProcessStartInfo("setpriv") { RedirectStandardError = true };
        foreach (var argument in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "mkdir", "-m", "755", root })
        {
            info.ArgumentList.Add(argument);
        }

        using (var process = Process.Start(info)!)
        {
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(_fixture.Write("add.c", AddSource), new BuildOptions { CacheDirectory = root }));

        Assert.Contains($"'{root}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("owned by uid 65534", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("770", "0770")]
    [InlineData("757", "0757")]
    [InlineData("777", "0777")]
    public void Build_RootWritableByOthers_RefusesWithChmod(string mode, string reported)
    {
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        File.SetUnixFileMode(_fixture.CacheRoot, (UnixFileMode)Convert.ToInt32(mode, 8));

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains("writable by group or others", error.Message, StringComparison.Ordinal);
        Assert.Contains($"chmod 700 {_fixture.CacheRoot}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(mode {reported})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_EntriesWritableByGroup_RefusesWithChmod()
    {
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        var entries = Path.Combine(_fixture.CacheRoot, "entries");
        File.SetUnixFileMode(entries, (UnixFileMode)Convert.ToInt32("775", 8));

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains($"chmod 700 {entries}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ExistingRootReadableByOthers_IsAccepted()
    {
        // Only write access lets another user plant a library; a 0755 root made by an older version keeps working.
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        File.SetUnixFileMode(_fixture.CacheRoot, (UnixFileMode)Convert.ToInt32("755", 8));

        Assert.True(NativeBuilder.Build(source, _fixture.Options).CacheHit);
    }

    [Fact]
    public void Build_EntriesIsSymlink_RefusesAndLoadsNothingFromIt()
    {
        var source = _fixture.Write("add.c", AddSource);
        NativeBuilder.Build(source, _fixture.Options);
        var entries = Path.Combine(_fixture.CacheRoot, "entries");
        var elsewhere = Path.Combine(_fixture.Folder, "elsewhere");
        Directory.Move(entries, elsewhere);
        Directory.CreateSymbolicLink(entries, elsewhere);

        var error = Assert.Throws<IOException>(() => NativeBuilder.Build(source, _fixture.Options));

        Assert.Contains($"'{entries}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Contains($"rm {entries}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_RootIsSymlinkToPrivateFolder_IsUsed()
    {
        var real = Path.Combine(_fixture.Folder, "real-cache");
        Directory.CreateDirectory(real, Private);
        var link = Path.Combine(_fixture.Folder, "cache-link");
        Directory.CreateSymbolicLink(link, real);
        var options = new BuildOptions { CacheDirectory = link };
        var source = _fixture.Write("add.c", AddSource);

        NativeBuilder.Build(source, options);
        var second = NativeBuilder.Build(source, options);

        Assert.True(second.CacheHit);
        Assert.Equal(5, BuildFixture.CallIntInt(second.LibraryPath, "add", 2, 3));
    }

    [Fact]
    public void Build_EntryFolderReplacedBySymlink_EvictsLinkAndNeverLoadsTarget()
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        var entry = Path.GetDirectoryName(first.LibraryPath)!;
        // A foreign entry whose manifest is consistent with its foreign library: only the link rule stands in the way.
        var foreign = Path.Combine(_fixture.Folder, "foreign-entry");
        Directory.CreateDirectory(foreign);
        var foreignLibrary = CacheTamper.WriteForeignLibrary(_fixture, Path.Combine(foreign, Path.GetFileName(first.LibraryPath)));
        File.Copy(CacheTamper.ManifestOf(first), Path.Combine(foreign, BuildCache.ManifestFileName));
        CacheTamper.EditManifest(Path.Combine(foreign, BuildCache.ManifestFileName), m => m with { LibrarySha256 = CacheTamper.Sha256Of(foreignLibrary) });
        Directory.Delete(entry, recursive: true);
        Directory.CreateSymbolicLink(entry, foreign);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(5, BuildFixture.CallIntInt(second.LibraryPath, "add", 2, 3));
        Assert.Equal(FileKind.Directory, FileStatus.Of(entry, followLinks: false).Kind);
        Assert.True(File.Exists(foreignLibrary), "eviction followed the link and deleted its target");
    }

    [Fact]
    public void Build_LibraryReplacedBySymlink_EvictsEvenWhenTargetIsIdentical()
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        var copy = Path.Combine(_fixture.Folder, "copy.so");
        File.Copy(first.LibraryPath, copy);
        File.Delete(first.LibraryPath);
        File.CreateSymbolicLink(first.LibraryPath, copy);

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(FileKind.File, FileStatus.Of(second.LibraryPath, followLinks: false).Kind);
        Assert.True(File.Exists(copy));
    }

    [Theory]
    [InlineData("absolute")]
    [InlineData("../../libforeign.so")]
    [InlineData("../sibling/libforeign.so")]
    public void Build_ManifestLibraryIsAPath_NeverLoadsIt(string name)
    {
        var source = _fixture.Write("add.c", AddSource);
        var first = NativeBuilder.Build(source, _fixture.Options);
        var entry = Path.GetDirectoryName(first.LibraryPath)!;
        var target = name == "absolute" ? Path.Combine(_fixture.Folder, "libforeign.so") : Path.GetFullPath(Path.Combine(entry, name));
        var foreign = CacheTamper.WriteForeignLibrary(_fixture, target);
        CacheTamper.EditManifest(CacheTamper.ManifestOf(first), m => m with
        {
            Library = name == "absolute" ? foreign : name,
            LibrarySha256 = CacheTamper.Sha256Of(foreign),
        });

        var second = NativeBuilder.Build(source, _fixture.Options);

        Assert.False(second.CacheHit);
        Assert.Equal(entry, Path.GetDirectoryName(second.LibraryPath));
        Assert.Equal(5, BuildFixture.CallIntInt(second.LibraryPath, "add", 2, 3));
    }

    [Theory]
    [InlineData("libadd.so", true)]
    [InlineData("lib add.so", true)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("/usr/lib/libc.so.6", false)]
    [InlineData("../x.so", false)]
    [InlineData("sub/x.so", false)]
    [InlineData("sub\\x.so", false)]
    [InlineData("x\0.so", false)]
    public void IsPlainFileName_Names_AcceptsOnlyPlainNames(string name, bool expected) =>
        Assert.Equal(expected, LibraryCheck.IsPlainFileName(name));
}
