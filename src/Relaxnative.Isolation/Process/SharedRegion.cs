using System.Globalization;
using System.IO.MemoryMappedFiles;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// A block of memory shared with the helper: a file in /dev/shm mapped here, unlinked as soon as it is mapped (so no
/// file is ever left behind, even if this process is killed), and opened by the helper through
/// <c>/proc/&lt;host pid&gt;/fd/&lt;fd&gt;</c> while this process holds the descriptor.
/// </summary>
internal sealed class SharedRegion : IDisposable
{
    private static int s_counter;
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

    /// <summary>The prefix of the region files, in /dev/shm.</summary>
    internal const string FilePrefix = "relaxnative-";

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
    internal static SharedRegion Create(int id, long minimumBytes)
    {
        long size = (minimumBytes + 4095) & ~4095L;
        string folder = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
        string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture,
            $"{FilePrefix}{System.Environment.ProcessId}-{Interlocked.Increment(ref s_counter)}"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
        try
        {
            file.SetLength(size);
            var mapping = MemoryMappedFile.CreateFromFile(file, null, size, MemoryMappedFileAccess.ReadWrite, HandleInheritability.None, leaveOpen: true);
            var view = mapping.CreateViewAccessor(0, size, MemoryMappedFileAccess.ReadWrite);
            return new SharedRegion(id, size, file, mapping, view);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            File.Delete(path);
        }
    }

    public void Dispose()
    {
        View.Dispose();
        _view.Dispose();
        _mapping.Dispose();
        _file.Dispose();
    }
}
