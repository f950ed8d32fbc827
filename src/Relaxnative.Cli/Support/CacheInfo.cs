using System.Text.Json.Nodes;
using Relaxnative.Build;

namespace Relaxnative.Cli.Support;

/// <summary>What the build cache holds: complete entries (folders with a manifest) and the bytes of everything under the root.</summary>
/// <param name="Root">The cache root.</param>
/// <param name="Exists">Whether the root folder exists.</param>
/// <param name="EntryCount">Published entries (<c>entries/&lt;set&gt;/&lt;key&gt;/manifest.bin</c>).</param>
/// <param name="ByteCount">Bytes of every file under the root.</param>
internal sealed record CacheInfo(string Root, bool Exists, int EntryCount, long ByteCount)
{
    /// <summary>Reads the state of the cache at <paramref name="root"/>; a missing root is empty.</summary>
    public static CacheInfo Read(string root)
    {
        if (!Directory.Exists(root))
        {
            return new CacheInfo(root, false, 0, 0);
        }

        string entries = Path.Combine(root, "entries");
        int count = Directory.Exists(entries)
            ? Directory.EnumerateDirectories(entries).SelectMany(Directory.EnumerateDirectories).Count(e => File.Exists(Path.Combine(e, BuildCache.ManifestFileName)))
            : 0;
        long bytes = new DirectoryInfo(root)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Sum(f => f.Length);
        return new CacheInfo(root, true, count, bytes);
    }

    /// <summary>The JSON form used by <c>doctor</c> and <c>cache status</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["root"] = Root,
        ["exists"] = Exists,
        ["entries"] = EntryCount,
        ["bytes"] = ByteCount,
    };
}
