using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// <c>statx(2)</c>, whose buffer has one layout on every Linux architecture (unlike <c>struct stat</c>), and
/// <c>geteuid(2)</c>. Blittable signatures only: no unsafe code in the Build room.
/// </summary>
internal readonly partial record struct FileStatus
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7FF;
    private const int TypeMask = 0xF000;
    private const int TypeDirectory = 0x4000;
    private const int TypeRegular = 0x8000;
    private const int TypeLink = 0xA000;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;

    private static FileStatus OfLinux(string path, bool followLinks)
    {
        var bytes = new byte[Encoding.UTF8.GetMaxByteCount(path.Length) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        if (Statx(AtCurrentDirectory, ref bytes[0], followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is NoSuchFile or NotADirectory
                ? new FileStatus(FileKind.Missing, 0, null)
                : throw BuildErrors.CannotInspect(path, Marshal.GetPInvokeErrorMessage(errno));
        }

        var kind = (buffer.Mode & TypeMask) switch
        {
            TypeDirectory => FileKind.Directory,
            TypeRegular => FileKind.File,
            TypeLink => FileKind.SymbolicLink,
            _ => FileKind.Other,
        };
        var identity = string.Create(CultureInfo.InvariantCulture,
            $"{buffer.DeviceMajor}:{buffer.DeviceMinor}:{buffer.Inode}:{buffer.Size}:{buffer.ModifiedAt.Seconds}.{buffer.ModifiedAt.Nanoseconds:D9}:{buffer.ChangedAt.Seconds}.{buffer.ChangedAt.Nanoseconds:D9}");
        return new FileStatus(kind, (UnixFileMode)(buffer.Mode & 0x1FF), buffer.OwnerId, identity);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, ref byte path, int flags, uint mask, out StatxBuffer buffer);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    /// <summary><c>struct statx</c> (linux/stat.h) up to the device numbers; the kernel writes 256 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
#pragma warning disable CS0649 // written by statx through the out parameter
        internal uint Mask;
        internal uint BlockSize;
        internal ulong Attributes;
        internal uint LinkCount;
        internal uint OwnerId;
        internal uint GroupId;
        internal ushort Mode;
        internal ushort Spare0;
        internal ulong Inode;
        internal ulong Size;
        internal ulong Blocks;
        internal ulong AttributesMask;
        internal StatxTimestamp AccessedAt;
        internal StatxTimestamp BornAt;
        internal StatxTimestamp ChangedAt;
        internal StatxTimestamp ModifiedAt;
        internal uint RawDeviceMajor;
        internal uint RawDeviceMinor;
        internal uint DeviceMajor;
        internal uint DeviceMinor;
    }

    private struct StatxTimestamp
    {
        internal long Seconds;
        internal uint Nanoseconds;
        internal int Reserved;
#pragma warning restore CS0649
    }
}
