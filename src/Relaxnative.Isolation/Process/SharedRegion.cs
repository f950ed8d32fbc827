using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// A block of memory shared with the helper: an anonymous file made by <c>memfd_create</c>, mapped here and opened by
/// the helper through <c>/proc/&lt;host pid&gt;/fd/&lt;fd&gt;</c> while this process holds the descriptor. It never
/// has a name in any file system (nothing appears in /dev/shm, so no name can be taken, guessed or squatted), and
/// /proc only lets a process that may ptrace this one open it: another user cannot, whatever its mode bits say.
/// </summary>
internal sealed class SharedRegion : IDisposable
{
    private const uint MfdCloexec = 1;
    private readonly FileStream _file;
    private readonly MemoryMappedFile _mapping;
    private readonly MemoryMappedViewAccessor _view;

    private SharedRegion(int id, long size, FileStream file, MemoryMappedFile mapping, MemoryMappedViewAccessor view)
    {
        Id = id;
        Size = size;
        _file = file;
        _mapping = mapping;
        _view = view;
        Address = view.SafeMemoryMappedViewHandle.DangerousGetHandle() + (nint)view.PointerOffset;
        View = NativeBuffer.DangerousWrap(Address, size, Ownership.Borrowed);
        HelperPath = string.Create(CultureInfo.InvariantCulture,
            $"/proc/{System.Environment.ProcessId}/fd/{file.SafeFileHandle.DangerousGetHandle()}");
    }

    /// <summary>The name memfd_create gives the regions (shown only in /proc/&lt;pid&gt;/fd links, as "memfd:relaxnative").</summary>
    private static readonly byte[] s_memfdName = "relaxnative\0"u8.ToArray();

    internal int Id { get; }

    internal long Size { get; }

    /// <summary>Where the region is mapped in this process.</summary>
    internal nint Address { get; }

    /// <summary>A bounds-checked view of the whole region (borrowed: never freed through it).</summary>
    internal NativeBuffer View { get; }

    /// <summary>The path the helper opens to map the same memory.</summary>
    internal string HelperPath { get; }

    /// <summary>Whether [address, address + length) lies inside this region.</summary>
    internal bool Contains(nint address, long length) => address >= Address && address + length <= Address + (nint)Size;

    /// <summary>Creates a zero-filled region of at least <paramref name="minimumBytes"/> (rounded up to pages).</summary>
    /// <exception cref="IOException">memfd_create or ftruncate failed (the message has errno).</exception>
    internal static SharedRegion Create(int id, long minimumBytes)
    {
        long size = (minimumBytes + 4095) & ~4095L;
        int fd = MemfdCreate(s_memfdName, MfdCloexec);
        if (fd < 0)
        {
            throw new IOException(IsolationErrors.SharedMemoryFailed("memfd_create", Marshal.GetLastPInvokeError(), size));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (Ftruncate(fd, size) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException(IsolationErrors.SharedMemoryFailed("ftruncate", errno, size));
        }

        var file = new FileStream(handle, FileAccess.ReadWrite, 1);
        try
        {
            var mapping = MemoryMappedFile.CreateFromFile(file, null, size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            var view = mapping.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            return new SharedRegion(id, size, file, mapping, view);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        View.Dispose();
        _view.Dispose();
        _mapping.Dispose();
        _file.Dispose();
    }

    [DllImport("libc", EntryPoint = "memfd_create", SetLastError = true)]
    private static extern int MemfdCreate(byte[] nulTerminatedName, uint flags);

    [DllImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static extern int Ftruncate(int fd, long length);
}
