namespace Relaxnative.Build;

/// <summary>Chooses the cache root folder.</summary>
internal static class CacheRoot
{
    /// <summary>
    /// <see cref="BuildOptions.CacheDirectory"/>, else <c>RELAXNATIVE_CACHE_DIR</c>, else
    /// <c>$XDG_CACHE_HOME/relaxnative</c>, else <c>~/.cache/relaxnative</c>; always an absolute path.
    /// </summary>
    public static string Resolve(BuildOptions options, Func<string, string?> getVariable)
    {
        if (!string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            return Path.GetFullPath(options.CacheDirectory);
        }

        if (getVariable("RELAXNATIVE_CACHE_DIR") is { Length: > 0 } fromVariable)
        {
            return Path.GetFullPath(fromVariable);
        }

        if (getVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg)
        {
            return Path.GetFullPath(Path.Combine(xdg, "relaxnative"));
        }

        var home = getVariable("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.GetFullPath(Path.Combine(home, ".cache", "relaxnative"));
    }
}
