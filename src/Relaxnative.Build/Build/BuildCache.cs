namespace Relaxnative.Build;

/// <summary>
/// The content-addressed build cache. Layout under the root:
/// <c>entries/&lt;source-set key&gt;/&lt;full key&gt;/{lib&lt;name&gt;.so, manifest.bin}</c> and
/// <c>tmp/&lt;random&gt;/</c> for builds in progress (keys shortened to 32 hex digits, 128 bits).
/// </summary>
/// <remarks>
/// Publication is atomic: a build runs in its own <c>tmp</c> folder, writes <c>manifest.bin</c> last, then
/// renames the whole folder to its final name in one <c>rename(2)</c>. Readers therefore see no entry or a
/// complete one. When two processes build the same key, the second rename fails because the first
/// (non-empty) folder exists; the loser deletes its copy and uses the winner's, which has identical inputs.
/// Trust: the root and <c>entries/</c> must be private to the user (<see cref="CacheTrust"/>); inside, nothing is
/// reached through a symbolic link, and a hit's library must hash as its manifest records. An entry that breaks a
/// rule is damaged: it is evicted and, if it was needed, rebuilt once.
/// </remarks>
internal sealed partial class BuildCache
{
    /// <summary>The entry's manifest, in <see cref="ManifestFormat"/>; an entry without a readable one is damaged and evicted.</summary>
    public const string ManifestFileName = "manifest.bin";

    /// <summary>The serialized declaration model inside an entry (see <see cref="BuildManifest.Declarations"/>).</summary>
    public const string DeclarationsFileName = "declarations.bin";
    private const int NameLength = 32;
    private static readonly TimeSpan s_abandonedAfter = TimeSpan.FromDays(1);

    public BuildCache(string root) => Root = root;

    public string Root { get; }

    private string EntriesFolder => Path.Combine(Root, "entries");

    private string WorkRoot => Path.Combine(Root, "tmp");

    /// <summary>
    /// Finds an entry for a source-set key whose recorded headers all still hash the same, and whose library hashes
    /// as recorded. Cheap: a few <c>statx</c> calls, one directory listing, one small binary read, one hash per recorded
    /// header and one <c>stat</c> per shadow probe (the library is hashed again only when its file identity changed);
    /// no process is started. Damaged entries met on the way are evicted.
    /// </summary>
    /// <exception cref="IOException">The root or <c>entries/</c> is unsafe or cannot be created.</exception>
    public CacheEntry? TryFind(string sourceSetKey, int schema)
    {
        EnsureTrusted();
        var shard = ShardFolder(sourceSetKey);
        if (!IsUsableShard(shard))
        {
            return null;
        }

        foreach (var candidate in Directory.EnumerateFileSystemEntries(shard))
        {
            var (manifest, _) = ReadManifest(candidate);
            if (manifest is null)
            {
                Evict(candidate);
                continue;
            }

            if (!manifest.Stable
                || manifest.Schema != schema
                || manifest.SourceSetKey != sourceSetKey
                || !HeadersUnchanged(manifest.Headers)
                || !ShadowProbes.NoneExist(manifest.ShadowPaths))
            {
                continue;
            }

            if (LibraryCheck.Problem(candidate, manifest.Library, manifest.LibrarySha256, privateEntry: true, manifest.LibraryIdentity, out var identity) is null)
            {
                if (identity is not null && identity != manifest.LibraryIdentity)
                {
                    manifest = RecordIdentity(candidate, manifest with { LibraryIdentity = identity });
                }

                return new CacheEntry(candidate, Path.Combine(candidate, manifest.Library), manifest);
            }

            Evict(candidate);
        }

        return null;
    }

    /// <summary>Creates a private folder for one build inside the cache root, so the final rename stays on one file system.</summary>
    /// <exception cref="IOException">The root is unsafe, or a folder cannot be created.</exception>
    public string CreateWorkFolder()
    {
        EnsureTrusted();
        try
        {
            PrivateFiles.CreateFolder(WorkRoot);
            SweepAbandoned();
            return PrivateFiles.CreateFolder(Path.Combine(WorkRoot, Guid.NewGuid().ToString("N"))).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BuildErrors.CacheUnusable(Root, e);
        }
    }

    /// <summary>
    /// Writes the manifest last and renames the work folder into place; returns the entry that won, verified. A damaged
    /// folder in the way is evicted and the rename tried once more.
    /// </summary>
    /// <exception cref="IOException">The published entry (or one in its place that cannot be evicted) is damaged.</exception>
    public CacheEntry Publish(string workFolder, BuildManifest manifest)
    {
        PrivateFiles.WriteFile(Path.Combine(workFolder, ManifestFileName), ManifestFormat.Write(manifest));

        var parent = ShardFolder(manifest.SourceSetKey);
        if (!IsUsableShard(parent))
        {
            PrivateFiles.CreateFolder(parent);
        }

        // An entry built while an input changed gets a unique name: it serves this call only and is never a hit.
        var name = manifest.Stable ? manifest.Key[..NameLength] : $"{manifest.Key[..NameLength]}-unstable-{Guid.NewGuid():N}";
        var final = Path.Combine(parent, name);
        string? damage = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var moved = TryMove(workFolder, final);
            var (entry, problem) = Read(final);
            if (entry is not null)
            {
                if (!moved && manifest.Declarations is not null && ReadDeclarations(entry) is null)
                {
                    // The same key built earlier without a (valid) declaration model: this build supersedes it.
                    Evict(final);
                    continue;
                }

                // Not moved: another process published the same key first; its entry is built from identical inputs.
                if (!moved)
                {
                    PrivateFiles.DeleteQuietly(workFolder);
                }

                return entry;
            }

            damage = problem;
            Evict(final);
            if (moved)
            {
                break; // the entry just built is itself bad: building again would only repeat it
            }
        }

        PrivateFiles.DeleteQuietly(workFolder);
        throw BuildErrors.CacheEntryDamaged(final, damage ?? "it could not be read back");
    }

    /// <summary>The entry's stored declaration model, or <see langword="null"/> when it has none or its bytes no longer match the manifest's hash.</summary>
    public static byte[]? ReadDeclarations(CacheEntry entry) =>
        KeyHasher.TryReadVerified(entry.Folder, entry.Manifest.Declarations, entry.Manifest.DeclarationsSha256);

    private void EnsureTrusted()
    {
        // The root may be a link (a cache moved to another disk); nothing inside it is followed.
        RequirePrivateFolder(Root, followLinks: true);
        RequirePrivateFolder(EntriesFolder, followLinks: false);
    }

    private void RequirePrivateFolder(string folder, bool followLinks)
    {
        FileStatus status;
        try
        {
            status = FileStatus.Of(folder, followLinks);
            if (status.Kind == FileKind.Missing)
            {
                PrivateFiles.CreateFolder(folder);
                status = FileStatus.Of(folder, followLinks);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw BuildErrors.CacheUnusable(Root, e);
        }

        if (CacheTrust.Problem(folder, status) is { } problem)
        {
            throw BuildErrors.CacheFolderUnsafe(folder, problem.What, problem.Fix);
        }
    }

    private string ShardFolder(string sourceSetKey) => Path.Combine(EntriesFolder, sourceSetKey[..NameLength]);

    /// <summary>True when the shard exists as a private folder; a shard that is a link or not ours is evicted.</summary>
    private bool IsUsableShard(string shard)
    {
        var status = FileStatus.Of(shard, followLinks: false);
        if (status.Kind == FileKind.Missing)
        {
            return false;
        }

        if (CacheTrust.Problem(shard, status) is null)
        {
            return true;
        }

        Evict(shard);
        return false;
    }

    private static bool TryMove(string workFolder, string final)
    {
        try
        {
            Directory.Move(workFolder, final);
            return true;
        }
        catch (IOException) when (FileStatus.Of(final, followLinks: false).Kind != FileKind.Missing)
        {
            return false;
        }
    }

    /// <summary>
    /// After a full hash matched a library whose identity changed (the cache was copied, or the file touched), records the
    /// new identity so later hits skip the hash again. The manifest is replaced by a rename, so readers see the old or
    /// the new one; failing to write only costs the next hit a hash.
    /// </summary>
    private static BuildManifest RecordIdentity(string folder, BuildManifest manifest)
    {
        var path = Path.Combine(folder, ManifestFileName);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            PrivateFiles.WriteFile(temporary, ManifestFormat.Write(manifest));
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PrivateFiles.DeleteQuietly(temporary);
        }

        return manifest;
    }

    /// <summary>Reads and verifies an entry: the folder, its manifest and its library.</summary>
    private static (CacheEntry? Entry, string? Damage) Read(string folder)
    {
        var (manifest, damage) = ReadManifest(folder);
        if (manifest is null)
        {
            return (null, damage);
        }

        damage = LibraryCheck.Problem(folder, manifest.Library, manifest.LibrarySha256, privateEntry: true, manifest.LibraryIdentity, out _);
        return damage is null ? (new CacheEntry(folder, Path.Combine(folder, manifest.Library), manifest), null) : (null, damage);
    }

    /// <summary>Reads an entry's manifest without following links; a null manifest comes with the damage found.</summary>
    private static (BuildManifest? Manifest, string? Damage) ReadManifest(string folder)
    {
        var folderStatus = FileStatus.Of(folder, followLinks: false);
        if (CacheTrust.Problem(folder, folderStatus) is { } folderProblem)
        {
            return (null, $"the entry folder is {folderProblem.What}");
        }

        var path = Path.Combine(folder, ManifestFileName);
        var kind = FileStatus.Of(path, followLinks: false).Kind;
        if (kind != FileKind.File)
        {
            return (null, kind == FileKind.Missing ? "the manifest is missing" : $"the manifest is not a regular file ({kind})");
        }

        try
        {
            var manifest = ManifestFormat.TryReadBuild(File.ReadAllBytes(path));
            return manifest is null ? (null, $"the manifest is damaged, truncated or not of format {ManifestFormat.Version}") : (manifest, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"the manifest cannot be read ({e.Message})");
        }
    }

    /// <summary>
    /// Removes a damaged entry (or shard). A folder is first renamed into <c>tmp/</c>, so its name is free at once and
    /// no reader sees it half deleted; a link or file is simply unlinked, never followed.
    /// </summary>
    private void Evict(string path)
    {
        if (FileStatus.Of(path, followLinks: false).Kind == FileKind.Directory)
        {
            var grave = Path.Combine(WorkRoot, "evicted-" + Guid.NewGuid().ToString("N"));
            try
            {
                PrivateFiles.CreateFolder(WorkRoot);
                Directory.Move(path, grave);
                path = grave;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not movable (say a read-only cache): delete in place, as far as that goes.
            }
        }

        PrivateFiles.DeleteQuietly(path);
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
        // Work folders of crashed or killed builds, and evicted entries a delete could not finish; a day is far longer than any compile.
        foreach (var folder in Directory.EnumerateFileSystemEntries(WorkRoot))
        {
            if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(folder) > s_abandonedAfter)
            {
                PrivateFiles.DeleteQuietly(folder);
            }
        }
    }
}
