using System.Text;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>What Native.Open learns from headers is cached per compiler, options and header state.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // permission bits and links are part of the subject
public sealed class HeaderModelCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("relaxnative-header-cache-").FullName;

    private string Cache => Path.Combine(_root, "cache");

    private string Header => Path.Combine(_root, "include", "mine.h");

    public HeaderModelCacheTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "include"));
        File.WriteAllText(Path.Combine(_root, "include", "types.h"), "typedef unsigned long my_ulong;\n");
        File.WriteAllText(Header, "#include \"types.h\"\nmy_ulong crc32(my_ulong crc, const unsigned char* buf, unsigned int len);\n");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private (string Text, bool CacheHit) Analyze(IReadOnlyList<string>? defines = null)
    {
        var options = new BuildOptions { CacheDirectory = Cache, Defines = defines ?? [] };
        var (bytes, hit) = NativeBuilder.AnalyzeHeaders([Header], options, SourceLanguage.C, new DeclarationAnalyzer("test-format-1", units => Encoding.UTF8.GetBytes(string.Join("\n", units.Select(u => u.Text)))));
        return (Encoding.UTF8.GetString(bytes), hit);
    }

    [Fact]
    public void AnalyzeHeaders_SameHeadersTwice_SecondIsAHitWithTheSameBytes()
    {
        var first = Analyze();
        var second = Analyze();

        Assert.False(first.CacheHit);
        Assert.True(second.CacheHit);
        Assert.Equal(first.Text, second.Text);
        Assert.Contains("crc32", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AnalyzeHeaders_IncludedHeaderChanged_IsAMissWithTheNewText()
    {
        Analyze();
        File.WriteAllText(Path.Combine(_root, "include", "types.h"), "typedef unsigned long long my_ulong;\n");

        var changed = Analyze();
        var again = Analyze();

        Assert.False(changed.CacheHit);
        Assert.Contains("unsigned long long my_ulong", changed.Text, StringComparison.Ordinal);
        Assert.True(again.CacheHit);
    }

    [Fact]
    public void AnalyzeHeaders_OtherDefines_IsAMiss()
    {
        Analyze();

        Assert.False(Analyze(["EXTRA=1"]).CacheHit);
        Assert.True(Analyze().CacheHit);
    }

    [Fact]
    public void AnalyzeHeaders_StoredBytesTampered_EvictedAndAnalyzedAgain()
    {
        var first = Analyze();
        var stored = Directory.GetFiles(Path.Combine(Cache, "headers"), "declarations", SearchOption.AllDirectories).Single();
        File.WriteAllText(stored, "planted");

        var second = Analyze();

        Assert.False(second.CacheHit);
        // Line markers name the generated unit's temporary folder; the declarations are the same.
        Assert.Equal(Declarations(first.Text), Declarations(second.Text));
        Assert.True(Analyze().CacheHit);
    }

    private static string[] Declarations(string text) => [.. text.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))];

    [Fact]
    public void AnalyzeHeaders_EntryIsALink_NotFollowedAndAnalyzedAgain()
    {
        Analyze();
        var entry = Directory.GetDirectories(Path.Combine(Cache, "headers")).Single();
        var elsewhere = Path.Combine(_root, "elsewhere");
        Directory.Move(entry, elsewhere);
        File.CreateSymbolicLink(entry, elsewhere);

        var result = Analyze();

        Assert.False(result.CacheHit);
        Assert.True(Directory.Exists(elsewhere), "the link's target must be left alone");
        Assert.True(Analyze().CacheHit);
    }

    [Fact]
    public void AnalyzeHeaders_StoredFolders_ArePrivateToTheUser()
    {
        Analyze();

        var entry = Directory.GetDirectories(Path.Combine(Cache, "headers")).Single();
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(Cache, "headers")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(entry));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(entry, BuildCache.ManifestFileName)));
    }
}
