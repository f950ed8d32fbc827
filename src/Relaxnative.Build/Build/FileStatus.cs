namespace Relaxnative.Build;

/// <summary>
/// The facts about a path that the cache's trust rules need: its kind, permission bits and owner. On Linux these come
/// from <c>statx(2)</c> (see <c>FileStatus.Unix.cs</c>); elsewhere from the BCL, which cannot tell the owner.
/// </summary>
/// <param name="Kind">What the path names; <see cref="FileKind.SymbolicLink"/> only when links are not followed.</param>
/// <param name="Mode">The permission bits (no type bits); 0 on Windows.</param>
/// <param name="OwnerId">The owner's user id, or <see langword="null"/> where it cannot be read (not Linux).</param>
/// <param name="Identity">
/// Device, inode, size, and modification and change times in nanoseconds, as one string; <see langword="null"/> where
/// they cannot be read (not Linux). Any write, truncation, replacement, rename over, <c>chmod</c> or <c>touch</c> changes
/// it: the change time cannot be set by a user, only by the kernel on every change.
/// </param>
internal readonly partial record struct FileStatus(FileKind Kind, UnixFileMode Mode, uint? OwnerId, string? Identity = null)
{
    private const UnixFileMode WriteByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>The effective user id of this process, or <see langword="null"/> where it cannot be read (not Linux).</summary>
    public static uint? CurrentUserId => OperatingSystem.IsLinux() ? GetEffectiveUserId() : null;

    /// <summary>True when group or others may create, rename or delete names in this folder (or write this file).</summary>
    public bool WritableByOthers => (Mode & WriteByOthers) != 0;

    /// <summary>True when the owner is known and is not the current user.</summary>
    public bool OwnedBySomeoneElse => OwnerId is { } owner && CurrentUserId is { } self && owner != self;

    /// <summary>Describes <paramref name="path"/>; a path that does not exist (or whose parent is not a folder) is <see cref="FileKind.Missing"/>.</summary>
    /// <param name="path">The path to inspect.</param>
    /// <param name="followLinks">False inspects a symbolic link itself (<c>lstat</c>); true inspects its target (<c>stat</c>).</param>
    /// <exception cref="IOException">The path exists but cannot be inspected (for example a folder above it is not searchable).</exception>
    public static FileStatus Of(string path, bool followLinks) =>
        OperatingSystem.IsLinux() ? OfLinux(path, followLinks) : OfPortable(path, followLinks);

    private static FileStatus OfPortable(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null)
        {
            return new FileStatus(FileKind.SymbolicLink, 0, null);
        }

        if (!info.Exists)
        {
            return new FileStatus(FileKind.Missing, 0, null);
        }

        var kind = info is DirectoryInfo ? FileKind.Directory : FileKind.File;
        return new FileStatus(kind, OperatingSystem.IsWindows() ? 0 : info.UnixFileMode, null);
    }
}
