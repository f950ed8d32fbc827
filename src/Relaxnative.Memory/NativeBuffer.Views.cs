using System.Runtime.CompilerServices;
using Relaxnative.Memory;

namespace Relaxnative;

public sealed unsafe partial class NativeBuffer
{
    /// <summary>A byte view of the whole buffer. Not leased: see the thread-safety remarks on <see cref="NativeBuffer"/>.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The buffer is larger than a span can hold (int.MaxValue bytes).</exception>
    public Span<byte> AsSpan() => AsSpan<byte>();

    /// <summary>
    /// A typed view starting <paramref name="offset"/> bytes into the buffer. Not leased: see the thread-safety
    /// remarks on <see cref="NativeBuffer"/>.
    /// </summary>
    /// <typeparam name="T">Any unmanaged type: byte, sbyte, short, ushort, int, uint, long, ulong, float, double, nint, structs.</typeparam>
    /// <param name="offset">Offset in bytes from the start; must be aligned for <typeparamref name="T"/>.</param>
    /// <param name="length">Length in elements of <typeparamref name="T"/>; by default, as many whole elements as fit.</param>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit in the buffer; the message holds offset, length and size.</exception>
    /// <exception cref="ArgumentException">The start address is not aligned for <typeparamref name="T"/>.</exception>
    public Span<T> AsSpan<T>(long offset = 0, int? length = null) where T : unmanaged
    {
        ThrowIfFreed("view");
        return MemoryViews.Span<T>("NativeBuffer", _address, _size, offset, length);
    }

    /// <summary>
    /// A reference to the <typeparamref name="T"/> (a C# struct that mirrors a C record, or any unmanaged type) at
    /// <paramref name="offset"/> bytes: reads and writes through it go straight to the buffer. Bounds-checked, and checked
    /// against <typeparamref name="T"/>'s alignment. Not leased (like <see cref="AsSpan{T}(long, int?)"/>): do not keep the
    /// reference past a <see cref="Free"/>. To check <typeparamref name="T"/> against the C layout, use <c>NativeStruct.As&lt;T&gt;</c>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit at that offset; the message holds offset, length and size.</exception>
    /// <exception cref="ArgumentException">The address is not aligned for <typeparamref name="T"/>.</exception>
    public ref T AsRef<T>(long offset = 0) where T : unmanaged
    {
        ThrowIfFreed("view");
        return ref MemoryRefs.At<T>("NativeBuffer", _address, _size, offset);
    }

    /// <summary>
    /// Reads a <typeparamref name="T"/> at <paramref name="offset"/> bytes; unaligned offsets are allowed. Safe against a
    /// concurrent <see cref="Free"/>: the read either happens on live memory or throws.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit at that offset.</exception>
    public T Read<T>(long offset) where T : unmanaged
    {
        var cell = BeginAccess("read from");
        CheckRange(cell, offset, sizeof(T));
        T value = Unsafe.ReadUnaligned<T>((void*)(_address + (nint)offset));
        EndAccess(cell);
        return value;
    }

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="offset"/> bytes; unaligned offsets are allowed. Safe against a
    /// concurrent <see cref="Free"/>: the write either lands in live memory or throws.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit at that offset.</exception>
    public void Write<T>(long offset, T value) where T : unmanaged
    {
        var cell = BeginAccess("write to");
        CheckRange(cell, offset, sizeof(T));
        Unsafe.WriteUnaligned((void*)(_address + (nint)offset), value);
        EndAccess(cell);
    }

    /// <summary>Copies <paramref name="source"/> into the buffer at <paramref name="offset"/> bytes. Safe against a concurrent <see cref="Free"/>.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The data does not fit at that offset.</exception>
    public void Write(ReadOnlySpan<byte> source, long offset = 0)
    {
        var cell = BeginAccess("write to");
        CheckRange(cell, offset, source.Length);
        source.CopyTo(new Span<byte>((void*)(_address + (nint)offset), source.Length));
        EndAccess(cell);
    }

    /// <summary>Copies the whole buffer into a new managed array. Safe against a concurrent <see cref="Free"/>.</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The buffer is larger than a managed array can hold.</exception>
    public byte[] ToArray()
    {
        ThrowIfFreed("copy");
        if (_size > Array.MaxLength)
        {
            MemoryErrors.ThrowOutOfRange("size", "NativeBuffer", _address, _size, 0, _size);
        }

        // Allocated before the access begins, so nothing between publishing the slot and clearing it can throw.
        var copy = GC.AllocateUninitializedArray<byte>((int)_size);
        var cell = BeginAccess("copy");
        new ReadOnlySpan<byte>((void*)_address, copy.Length).CopyTo(copy);
        EndAccess(cell);
        return copy;
    }

    /// <summary>
    /// Decodes the NUL-terminated UTF-8 string that starts at <paramref name="offset"/>. The search for the NUL
    /// stops at the end of the buffer: an unterminated string ends there, and nothing past the buffer is read. Safe against a
    /// concurrent <see cref="Free"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is outside the buffer.</exception>
    public string ReadCString(long offset = 0)
    {
        var cell = BeginAccess("read a string from");
        CheckRange(cell, offset, 1);
        try
        {
            return MemoryViews.DecodeCString((byte*)_address + offset, _size - offset);
        }
        finally
        {
            // Decoding allocates and may throw (out of memory): the slot must be cleared whatever happens.
            EndAccess(cell);
        }
    }

    /// <summary>
    /// A non-owning pointer to <paramref name="length"/> bytes at <paramref name="offset"/>, tied to this buffer:
    /// once the buffer is freed, using the pointer throws <see cref="UseAfterFreeException"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The range does not fit in the buffer.</exception>
    public NativePointer Slice(long offset, long length)
    {
        ThrowIfFreed("slice");
        CheckRange(offset, length);
        if (length == 0)
        {
            MemoryErrors.ThrowOutOfRange(nameof(length), "NativeBuffer", _address, _size, offset, length);
        }

        return new NativePointer(this, _address + (nint)offset, length);
    }

    /// <summary>A non-owning pointer to the whole buffer, tied to it (see <see cref="Slice"/>).</summary>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    public NativePointer AsPointer()
    {
        ThrowIfFreed("take a pointer to");
        return new NativePointer(this, _address, _size);
    }

    private void CheckRange(long offset, long length)
    {
        // One unsigned comparison per bound: negative values wrap to huge ones and fail.
        if ((ulong)offset > (ulong)_size || (ulong)length > (ulong)(_size - offset))
        {
            MemoryErrors.ThrowOutOfRange(nameof(offset), "NativeBuffer", _address, _size, offset, length);
        }
    }
}
