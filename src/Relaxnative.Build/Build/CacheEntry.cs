namespace Relaxnative.Build;

/// <summary>A published cache entry: a folder holding the library and its manifest.</summary>
internal sealed record CacheEntry(string Folder, string LibraryPath, BuildManifest Manifest);
