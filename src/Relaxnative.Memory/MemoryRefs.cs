using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Memory;

/// <summary>Bounds- and alignment-checked references to one value in native memory, shared by buffers and pointers.</summary>
internal static unsafe class MemoryRefs
{
    /// <summary>A reference to the <typeparamref name="T"/> at <paramref name="offset"/>, after the bounds check and a check
    /// against <typeparamref name="T"/>'s real alignment (its runtime layout, not its size).</summary>
    internal static ref T At<T>(string what, nint address, long size, long offset) where T : unmanaged
    {
        // Bounds first, as a byte range: the message then gives offset, length and size in bytes.
        var bytes = MemoryViews.Span<byte>(what, address, size, offset, sizeof(T));
        var alignment = AlignmentOf<T>();
        var at = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(bytes));
        if (at % alignment != 0)
        {
            MemoryErrors.ThrowMisaligned(what, address, offset, typeof(T).Name, alignment);
        }

        return ref Unsafe.AsRef<T>((void*)at);
    }

    /// <summary>The alignment the runtime gives <typeparamref name="T"/> as a field: where it lands after one byte.</summary>
    internal static int AlignmentOf<T>() where T : unmanaged
    {
        var probe = default(AlignmentProbe<T>);
        return (int)Unsafe.ByteOffset(ref probe.Byte, ref Unsafe.As<T, byte>(ref probe.Value));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct AlignmentProbe<T> where T : unmanaged
    {
        public byte Byte;
        public T Value;
    }
}
