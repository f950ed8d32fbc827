using System.Runtime.InteropServices;
using System.Text;

namespace Relaxnative.Memory;

/// <summary>Bounds- and alignment-checked span construction shared by buffers and pointers.</summary>
internal static unsafe class MemoryViews
{
    /// <summary>
    /// The natural alignment of <typeparamref name="T"/>, taken as the largest power of two dividing its size
    /// (capped at 16). Exact for primitives and for structs made of one primitive type.
    /// </summary>
    internal static int AlignmentOf<T>() where T : unmanaged
    {
        int size = sizeof(T);
        return Math.Min(size & -size, 16);
    }

    /// <summary>A span of <typeparamref name="T"/> over memory, after bounds and alignment checks.</summary>
    /// <param name="what">"NativeBuffer" or "NativePointer", for messages.</param>
    /// <param name="address">Start of the memory.</param>
    /// <param name="size">Known size in bytes, or -1 when unknown (no bounds check).</param>
    /// <param name="offset">Offset in bytes of the view's start.</param>
    /// <param name="length">Length in elements; null for all whole elements that fit.</param>
    internal static Span<T> Span<T>(string what, nint address, long size, long offset, int? length) where T : unmanaged
    {
        int elementSize = sizeof(T);
        long elementCount;
        if (size >= 0)
        {
            if ((ulong)offset > (ulong)size)
            {
                MemoryErrors.ThrowOutOfRange(nameof(offset), what, address, size, offset, (long)(length ?? 0) * elementSize);
            }

            elementCount = length ?? (size - offset) / elementSize;
            if (elementCount < 0 || elementCount * elementSize > size - offset)
            {
                MemoryErrors.ThrowOutOfRange(nameof(length), what, address, size, offset, elementCount * elementSize);
            }
        }
        else
        {
            elementCount = length ?? 0;
            if (elementCount < 0)
            {
                MemoryErrors.ThrowOutOfRange(nameof(length), what, address, size, offset, elementCount * elementSize);
            }
        }

        int alignment = AlignmentOf<T>();
        if (((address + (nint)offset) & (alignment - 1)) != 0)
        {
            MemoryErrors.ThrowMisaligned(what, address, offset, typeof(T).Name, alignment);
        }

        if (elementCount > int.MaxValue)
        {
            MemoryErrors.ThrowViewTooLong(what, address, size, offset, typeof(T).Name);
        }

        return new Span<T>((void*)(address + (nint)offset), (int)elementCount);
    }

    /// <summary>Decodes UTF-8 up to the first NUL, reading at most <paramref name="maxBytes"/> bytes (-1: no limit).</summary>
    internal static string DecodeCString(byte* start, long maxBytes)
    {
        if (maxBytes < 0)
        {
            return Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(start));
        }

        var bytes = new ReadOnlySpan<byte>(start, (int)Math.Min(maxBytes, int.MaxValue));
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? bytes[..end] : bytes);
    }
}
