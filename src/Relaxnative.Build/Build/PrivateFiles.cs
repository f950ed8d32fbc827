namespace Relaxnative.Build;

/// <summary>
/// Creates what the cache stores private to the current user (folders 0700, files 0600, libraries 0700) and
/// removes what it evicts without following links. The modes are given at creation, not set afterwards, so no
/// other user can open a file in the moment between the two.
/// </summary>
internal static class PrivateFiles
{
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> (and missing parents) as 0700; an existing folder keeps its mode.</summary>
    public static DirectoryInfo CreateFolder(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, FolderMode);

    /// <summary>Writes a new file as 0600 (replacing one of the same name).</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> bytes)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(bytes);
    }

    /// <summary>Narrows a library the compiler wrote with the process umask to 0700 (it must stay executable).</summary>
    public static void MakeLibraryPrivate(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, FolderMode);
        }
    }

    /// <summary>Deletes a file, a folder tree or a symbolic link (never what a link points to); errors are ignored.</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            switch (FileStatus.Of(path, followLinks: false).Kind)
            {
                case FileKind.Directory:
                    // Recursive delete unlinks symbolic links it meets inside; it does not descend into their targets.
                    Directory.Delete(path, recursive: true);
                    break;
                case FileKind.Missing:
                    break;
                default:
                    File.Delete(path);
                    break;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: what is left is never a hit and is swept with abandoned work folders.
        }
    }
}
