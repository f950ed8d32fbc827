using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

/// <summary>What an attacker or an accident does to a cache: foreign libraries, edited manifests, other owners.</summary>
internal static class CacheTamper
{
    /// <summary>The body of the foreign library: same symbol as the real one, a different answer.</summary>
    public const int ForeignAnswer = 42;

    /// <summary>Builds a library exporting <c>add</c> that returns <see cref="ForeignAnswer"/> and copies it to <paramref name="destination"/>.</summary>
    public static string WriteForeignLibrary(BuildFixture fixture, string destination)
    {
        var source = fixture.Write(Path.Combine("foreign", "foreign.c"), $"int add(int a, int b) {{ (void)a; (void)b; return {ForeignAnswer}; }}\n");
        var built = NativeBuilder.Build(source, new BuildOptions { CacheDirectory = Path.Combine(fixture.Folder, "foreign", "cache") });
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.Copy(built.LibraryPath, destination, overwrite: true);
        return destination;
    }

    public static string Sha256Of(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Rewrites fields of a cache entry's binary manifest, sealing it again as a writer with a bug or bad intent could.</summary>
    public static void EditManifest(string manifestPath, Func<BuildManifest, BuildManifest> edit)
    {
        var manifest = ManifestFormat.TryReadBuild(File.ReadAllBytes(manifestPath));
        Assert.NotNull(manifest);
        File.WriteAllBytes(manifestPath, ManifestFormat.Write(edit(manifest)));
    }

    /// <summary>The manifest of a cache entry, read as a load reads it.</summary>
    public static BuildManifest ReadManifest(CompileResult result) =>
        ManifestFormat.TryReadBuild(File.ReadAllBytes(ManifestOf(result))) ?? throw new InvalidDataException("The entry's manifest does not read back.");

    /// <summary>Rewrites fields of a prebuilt manifest (JSON, for people to read).</summary>
    public static void EditPrebuiltManifest(string manifestPath, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(manifestPath))!;
        edit(node);
        File.WriteAllText(manifestPath, node.ToJsonString());
    }

    /// <summary>Acting as another user needs root: CI runs as root, so there its absence fails; elsewhere the test is skipped.</summary>
    public static void RequireRoot()
    {
        if (FileStatus.CurrentUserId != 0)
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") is "true" or "1", "CI must run as root to act as another user.");
            Skip.If(true, "Acting as another user (chown, setpriv) needs root; CI runs as root.");
        }
    }

    public static string ManifestOf(CompileResult result) =>
        Path.Combine(Path.GetDirectoryName(result.LibraryPath)!, BuildCache.ManifestFileName);

    /// <summary>
    /// Gives <paramref name="path"/> to uid/gid 65534 (nobody), as another local user would own it. Needs root; CI runs
    /// as root, so there a missing privilege fails the test, elsewhere it is skipped with the reason.
    /// </summary>
    public static void GiveToAnotherUser(string path)
    {
        RequireRoot();

        var info = new ProcessStartInfo("chown") { RedirectStandardError = true };
        info.ArgumentList.Add("-R");
        info.ArgumentList.Add("65534:65534");
        info.ArgumentList.Add(path);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chown failed: {error}");
        Assert.Equal(65534u, FileStatus.Of(path, followLinks: false).OwnerId);
    }
}
