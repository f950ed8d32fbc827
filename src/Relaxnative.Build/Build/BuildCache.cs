using System.Text.Json;

namespace Relaxnative.Build;

/// <summary>
/// The content-addressed build cache. Layout under the root:
/// <c>entries/&lt;source-set key&gt;/&lt;full key&gt;/{lib&lt;name&gt;.so, manifest.json}</c> and
/// <c>tmp/&lt;random&gt;/</c> for builds in progress (keys shortened to 32 hex digits, 128 bits).
/// </summary>
/// <remarks>
/// Publication is atomic: a build runs in its own <c>tmp</c> folder, writes <c>manifest.json</c> last, then
/// renames the whole folder to its final name in one <c>rename(2)</c>. Readers therefore see no entry or a
/// complete one. When two processes build the same key, the second rename fails because the first
/// (non-empty) folder exists; the loser deletes its copy and uses the winner's, which has identical inputs.
/// </remarks>
internal sealed class BuildCache
{
    public const string ManifestFileName = "manifest.json";

    /// <summary>The serialized declaration model inside an entry (see <see cref="BuildManifest.Declarations"/>).</summary>
    public const string DeclarationsFileName = "declarations.json";
    private const int NameLength = 32;
    private static readonly TimeSpan s_abandonedAfter = TimeSpan.FromDays(1);

    public BuildCache(string root) => Root = root;

    public string Root { get; }

    private string EntriesFolder => Path.Combine(Root, "entries");

    private string WorkRoot => Path.Combine(Root, "tmp");

    /// <summary>
    /// Finds an entry for a source-set key whose recorded headers all still hash the same. Cheap: one
    /// directory listing, one small JSON read, one hash per recorded header and one <c>stat</c> per shadow
    /// probe; no process is started.
    /// </summary>
    public CacheEntry? TryFind(string sourceSetKey, int schema)
    {
        var folder = Path.Combine(EntriesFolder, sourceSetKey[..NameLength]);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        foreach (var candidate in Directory.EnumerateDirectories(folder))
        {
            var entry = TryRead(candidate);
            if (entry is { Manifest.Stable: true }
                && entry.Manifest.Schema == schema
                && entry.Manifest.SourceSetKey == sourceSetKey
                && HeadersUnchanged(entry.Manifest.Headers)
                && ShadowProbes.NoneExist(entry.Manifest.ShadowPaths))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Creates a private folder for one build inside the cache root, so the final rename stays on one file system.</summary>
    public string CreateWorkFolder()
    {
        try
        {
            Directory.CreateDirectory(WorkRoot);
            SweepAbandoned();
            return Directory.CreateDirectory(Path.Combine(WorkRoot, Guid.NewGuid().ToString("N"))).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BuildErrors.CacheUnusable(Root, e);
        }
    }

    /// <summary>Writes the manifest last and renames the work folder into place; returns the entry that won.</summary>
    public CacheEntry Publish(string workFolder, BuildManifest manifest)
    {
        File.WriteAllBytes(Path.Combine(workFolder, ManifestFileName), JsonSerializer.SerializeToUtf8Bytes(manifest, BuildJsonContext.Default.BuildManifest));

        var parent = Path.Combine(EntriesFolder, manifest.SourceSetKey[..NameLength]);
        // An entry built while an input changed gets a unique name: it serves this call only and is never a hit.
        var name = manifest.Stable ? manifest.Key[..NameLength] : $"{manifest.Key[..NameLength]}-unstable-{Guid.NewGuid():N}";
        var final = Path.Combine(parent, name);
        Directory.CreateDirectory(parent);
        try
        {
            Directory.Move(workFolder, final);
        }
        catch (IOException) when (TryRead(final) is { } existing && manifest.Declarations is not null && ReadDeclarations(existing) is null)
        {
            // The same key built earlier without a (valid) declaration model: this build supersedes it. Moving it
            // aside is one rename, so readers see the old entry, none, or the new one.
            var retired = Path.Combine(WorkRoot, Guid.NewGuid().ToString("N"));
            try
            {
                Directory.Move(final, retired);
                DeleteQuietly(retired);
                Directory.Move(workFolder, final);
            }
            catch (IOException) when (TryRead(final) is not null)
            {
                DeleteQuietly(workFolder);
            }
        }
        catch (IOException) when (TryRead(final) is not null)
        {
            // Another process published the same key first; its entry is built from identical inputs.
            DeleteQuietly(workFolder);
        }

        return TryRead(final) ?? throw new IOException($"The cache entry '{final}' disappeared right after it was published.");
    }

    /// <summary>The entry's stored declaration model, or <see langword="null"/> when it has none or its bytes no longer match the manifest's hash.</summary>
    public static byte[]? ReadDeclarations(CacheEntry entry) =>
        KeyHasher.TryReadVerified(entry.Folder, entry.Manifest.Declarations, entry.Manifest.DeclarationsSha256);

    public static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover work folder is never a hit and is swept later.
        }
    }

    private static CacheEntry? TryRead(string folder)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, ManifestFileName));
            var manifest = JsonSerializer.Deserialize(bytes, BuildJsonContext.Default.BuildManifest);
            if (manifest is null || manifest.Library.Length == 0)
            {
                return null;
            }

            var library = Path.Combine(folder, manifest.Library);
            return File.Exists(library) ? new CacheEntry(folder, library, manifest) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            // No manifest (never fully published), or a damaged one: not a hit.
            return null;
        }
    }

    private static bool HeadersUnchanged(IReadOnlyList<FileHash> headers)
    {
        foreach (var header in headers)
        {
            if (KeyHasher.TryHashFile(header.Path) != header.Sha256)
            {
                return false;
            }
        }

        return true;
    }

    private void SweepAbandoned()
    {
        // Work folders of crashed or killed builds; a day is far longer than any compile.
        foreach (var folder in Directory.EnumerateDirectories(WorkRoot))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > s_abandonedAfter)
            {
                DeleteQuietly(folder);
            }
        }
    }
}
