namespace Relaxnative.Build;

/// <summary>
/// The checks a manifest's library must pass before its path is returned for loading, shared by cache entries and
/// prebuilt folders: a plain file name inside the manifest's folder, and bytes whose SHA-256 is the recorded one.
/// </summary>
internal static class LibraryCheck
{
    /// <summary>True for a non-empty name with no folder part: no separator, not <c>.</c> or <c>..</c>, not rooted.</summary>
    public static bool IsPlainFileName(string? name) =>
        !string.IsNullOrEmpty(name)
        && name is not "." and not ".."
        && name.IndexOfAny(['/', '\\', '\0']) < 0
        && !Path.IsPathRooted(name)
        && Path.GetFileName(name) == name;

    /// <summary>True for 64 lowercase hex digits, the form every recorded hash takes.</summary>
    public static bool IsSha256(string? hash) =>
        hash is { Length: 64 } && hash.All(char.IsAsciiHexDigitLower);

    /// <summary>
    /// Returns why the library named by a manifest must not be loaded, or <see langword="null"/> when it may. A cache
    /// entry's library whose file identity (<see cref="FileStatus.Identity"/>) is the one recorded when its bytes were
    /// last hashed is trusted without hashing again; otherwise the whole file is hashed (about 0.7 ms of CPU per MiB with SHA
    /// instructions, see <c>CacheVerificationBenchmarks</c>).
    /// </summary>
    /// <param name="folder">The folder holding the manifest.</param>
    /// <param name="name">The manifest's library name.</param>
    /// <param name="sha256">The manifest's recorded hash.</param>
    /// <param name="privateEntry">True for a cache entry: the library must be a regular file (not a link) owned by the current user.</param>
    /// <param name="verifiedIdentity">The identity recorded when the bytes were last hashed, or <see langword="null"/> to always hash.</param>
    /// <param name="identity">The library's identity now (when it could be read); when it differs from <paramref name="verifiedIdentity"/>
    /// and the check passed, it is the identity to record.</param>
    public static string? Problem(string folder, string? name, string? sha256, bool privateEntry, string? verifiedIdentity, out string? identity)
    {
        identity = null;
        if (!IsPlainFileName(name))
        {
            return $"the manifest names the library '{name}', which is not a plain file name inside '{folder}'";
        }

        if (!IsSha256(sha256))
        {
            return "the manifest records no valid library hash";
        }

        var path = Path.Combine(folder, name!);
        var status = FileStatus.Of(path, followLinks: !privateEntry);
        var kindProblem = status switch
        {
            { Kind: FileKind.Missing } => "is missing",
            { Kind: FileKind.SymbolicLink } => "is a symbolic link, and links inside the cache are never followed",
            { Kind: not FileKind.File } => "is not a regular file",
            { OwnedBySomeoneElse: true } when privateEntry => $"is owned by uid {status.OwnerId}, not by the current user",
            _ => null,
        };
        if (kindProblem is not null)
        {
            return $"the library '{name}' {kindProblem}";
        }

        identity = status.Identity;
        if (privateEntry && identity is not null && identity == verifiedIdentity)
        {
            return null;
        }

        var actual = KeyHasher.TryHashFile(path);
        return actual == sha256 ? null : $"the library '{name}' has SHA-256 {actual ?? "(unreadable)"}, but the manifest records {sha256} (truncated, damaged or replaced)";
    }
}
