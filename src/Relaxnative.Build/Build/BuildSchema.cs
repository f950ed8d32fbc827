namespace Relaxnative.Build;

/// <summary>The version of the cache layout, key recipe and compile commands.</summary>
internal static class BuildSchema
{
    /// <summary>
    /// Hashed into every key. Bump it whenever the compile commands, the key recipe or the manifest format
    /// change, so that entries made by an older Relaxnative are never served.
    /// </summary>
    public const int Version = 4;
}
