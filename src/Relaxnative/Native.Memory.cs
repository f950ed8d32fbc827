using System.Runtime.CompilerServices;
using Relaxnative.Memory;
using Relaxnative.Memory.Heap;

namespace Relaxnative;

public static partial class Native
{
    private static readonly AllocOptions s_autoFreeOptions = new() { AutoFree = true };

    /// <summary>
    /// Allocates <paramref name="size"/> bytes of zeroed, 16-byte aligned native memory owned by the returned buffer.
    /// Free it with <see cref="NativeBuffer.Free"/>, <c>using</c>, or let a finalizer do it (<paramref name="autoFree"/>).
    /// </summary>
    /// <param name="size">Size in bytes; must be greater than 0.</param>
    /// <param name="autoFree">Free the memory from a finalizer if the buffer becomes unreachable without being freed (best effort).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    /// <exception cref="OutOfMemoryException">The native allocator returned NULL.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeBuffer Alloc(long size, bool autoFree = false) =>
        NativeHeap.Allocate(size, autoFree ? s_autoFreeOptions : AllocOptions.Default);

    /// <summary>Allocates <paramref name="size"/> bytes of native memory with explicit options.</summary>
    /// <param name="size">Size in bytes; must be greater than 0.</param>
    /// <param name="options">Zeroing, alignment, guard zones and auto-free.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive, or the alignment is unsupported.</exception>
    /// <exception cref="OutOfMemoryException">The native allocator returned NULL.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static NativeBuffer Alloc(long size, AllocOptions options) => NativeHeap.Allocate(size, options);

    /// <summary>Frees <paramref name="buffer"/>; the same as <see cref="NativeBuffer.Free"/>.</summary>
    /// <exception cref="InvalidFreeException">The buffer was already freed, or does not own its memory.</exception>
    /// <exception cref="BufferOverrunException">The buffer is guarded and something wrote outside it (the memory was still released).</exception>
    public static void Free(NativeBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Free();
    }

    /// <summary>
    /// Always throws: a <see cref="NativePointer"/> does not own memory, and Relaxnative does not know which allocator
    /// produced it. Free native-owned memory with the library's own deallocator (for example libc <c>free</c>), and
    /// buffers with <see cref="NativeBuffer.Free"/>.
    /// </summary>
    /// <exception cref="InvalidFreeException">Always.</exception>
    public static void Free(NativePointer pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        MemoryErrors.ThrowForeignFree("NativePointer", pointer.DangerousGetAddress(), pointer.Size, pointer.Ownership);
    }

    /// <summary>A snapshot of live and total allocations made by Relaxnative.</summary>
    public static NativeMemoryStats Stats => NativeHeap.Stats;

    /// <summary>
    /// Whether new allocations record their stack trace for <see cref="GetLeakReport"/>. Starts on when
    /// <c>RELAXNATIVE_TRACK_ALLOCATIONS=1</c>. Costs a stack capture (microseconds) per allocation.
    /// </summary>
    public static bool TrackAllocations
    {
        get => NativeHeap.TrackAllocations;
        set => NativeHeap.TrackAllocations = value;
    }

    /// <summary>The live allocations made while tracking was on, each with its size and stack trace; <c>ToString()</c> reads well.</summary>
    public static NativeLeakReport GetLeakReport() => NativeHeap.GetLeakReport();
}
