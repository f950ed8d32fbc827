namespace Relaxnative.Build;

/// <summary>
/// Stored header models: <c>headers/&lt;key&gt;/{manifest.bin, declarations}</c>, under the same trust rules as build
/// entries (private folders, no links followed, verified bytes, damaged folders evicted) and published the same way
/// (a private work folder renamed into place, manifest written last).
/// </summary>
internal sealed partial class BuildCache
{
    private string HeaderModelsFolder => Path.Combine(Root, "headers");

    /// <summary>
    /// The stored bytes for <paramref name="key"/> when every header recorded with them still hashes the same; otherwise
    /// <see langword="null"/>. A damaged folder is evicted; a changed header only makes it a miss (the publish replaces it).
    /// </summary>
    /// <exception cref="IOException">The root or <c>headers/</c> is unsafe or cannot be created.</exception>
    public byte[]? TryFindHeaderModel(string key, int schema)
    {
        EnsureTrusted();
        RequirePrivateFolder(HeaderModelsFolder, followLinks: false);
        var folder = Path.Combine(HeaderModelsFolder, key[..NameLength]);
        if (FileStatus.Of(folder, followLinks: false).Kind == FileKind.Missing)
        {
            return null;
        }

        var manifest = ReadHeaderManifest(folder);
        var bytes = manifest is null ? null : KeyHasher.TryReadVerified(folder, manifest.Declarations, manifest.DeclarationsSha256);
        if (manifest is null || bytes is null || manifest.Key != key)
        {
            Evict(folder);
            return null;
        }

        return manifest.Schema == schema && HeadersUnchanged(manifest.Headers) ? bytes : null;
    }

    /// <summary>Stores <paramref name="declarations"/> for <paramref name="manifest"/>'s key, replacing an outdated folder of the same key.</summary>
    /// <remarks>Failing to store only costs the next open a preprocess, so I/O errors are swallowed after cleaning up.</remarks>
    public void PublishHeaderModel(HeaderModelManifest manifest, byte[] declarations)
    {
        string? work = null;
        try
        {
            work = CreateWorkFolder();
            PrivateFiles.WriteFile(Path.Combine(work, manifest.Declarations), declarations);
            PrivateFiles.WriteFile(Path.Combine(work, ManifestFileName), ManifestFormat.Write(manifest));
            RequirePrivateFolder(HeaderModelsFolder, followLinks: false);
            var final = Path.Combine(HeaderModelsFolder, manifest.Key[..NameLength]);
            if (FileStatus.Of(final, followLinks: false).Kind != FileKind.Missing)
            {
                Evict(final); // outdated headers, or another process's identical copy: either way this one is current
            }

            if (TryMove(work, final))
            {
                work = null;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            if (work is not null)
            {
                PrivateFiles.DeleteQuietly(work);
            }
        }
    }

    private static HeaderModelManifest? ReadHeaderManifest(string folder)
    {
        if (CacheTrust.Problem(folder, FileStatus.Of(folder, followLinks: false)) is not null)
        {
            return null;
        }

        var path = Path.Combine(folder, ManifestFileName);
        if (FileStatus.Of(path, followLinks: false).Kind != FileKind.File)
        {
            return null;
        }

        try
        {
            return ManifestFormat.TryReadHeaderModel(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
