namespace Relaxnative.Build;

/// <summary>
/// The rules that decide whether the cache root and its <c>entries/</c> folder may be used, in the spirit of
/// OpenSSH's StrictModes: a folder that another user owns, or that group or others may write, lets that user put
/// a library where this process will load it, so it is refused with the path and the command that fixes it.
/// </summary>
/// <remarks>
/// Folders above the root are the user's to secure (as for any file under their home). The root itself may be a
/// symbolic link (a cache moved to another disk is common); its target is checked. Everything inside is checked
/// without following links.
/// </remarks>
internal static class CacheTrust
{
    /// <summary>True when <paramref name="folder"/> exists and passes the rules; never throws, never creates.</summary>
    public static bool IsPrivateFolder(string folder, bool followLinks)
    {
        try
        {
            return FileStatus.Of(folder, followLinks) is { Kind: FileKind.Directory } status && Problem(folder, status) is null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>What is wrong with a folder of the cache and the command that fixes it, or <see langword="null"/>.</summary>
    public static (string What, string Fix)? Problem(string folder, FileStatus status)
    {
        var quoted = Quote(folder);
        return status switch
        {
            { Kind: FileKind.SymbolicLink } => ("a symbolic link, and links inside the cache are never followed", $"rm {quoted} (it is recreated as a folder)"),
            { Kind: not FileKind.Directory } => ("not a folder", $"rm {quoted} (it is recreated as a folder)"),
            { OwnedBySomeoneElse: true } => ($"owned by uid {status.OwnerId}, not by the current user (uid {FileStatus.CurrentUserId})",
                $"chown -R {FileStatus.CurrentUserId} {quoted}, or remove it"),
            { WritableByOthers: true } => ($"writable by group or others (mode {ModeText(status.Mode)})", $"chmod 700 {quoted}"),
            _ => null,
        };
    }

    private static string ModeText(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
