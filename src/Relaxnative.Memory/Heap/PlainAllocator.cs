using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Memory.Heap;

/// <summary>
/// The C allocator behind every plain block: <c>malloc</c>, <c>calloc</c> and <c>free</c>, found once in the process's
/// global symbol scope, which is where <see cref="NativeMemory"/>'s own calls land too (an interposed allocator such as
/// jemalloc included), so a block is always freed by the allocator that made it. Thread-safe.
/// </summary>
/// <remarks>
/// Why not <see cref="NativeMemory"/>: its calls are not inlined into a method that has exception handling, and a
/// non-inlined native call sets up a call frame of its own (a thread-local lookup) every time. Called through these
/// pointers, the native call is made in whatever method <c>Native.Alloc</c> and <c>Free</c> are inlined into, and
/// NULL comes back as NULL, so no exception handling is needed on the fast path. The calls keep their GC transition:
/// the allocator takes locks and may make system calls. Where the process exports no <c>malloc</c> (Windows),
/// <see cref="IsDirect"/> is false and <see cref="NativeMemory"/> is used.
/// </remarks>
internal static unsafe class PlainAllocator
{
    private static readonly delegate* unmanaged<nuint, void*> s_malloc = (delegate* unmanaged<nuint, void*>)Find("malloc");
    private static readonly delegate* unmanaged<nuint, nuint, void*> s_calloc = (delegate* unmanaged<nuint, nuint, void*>)Find("calloc");
    private static readonly delegate* unmanaged<void*, void> s_free = (delegate* unmanaged<void*, void>)Find("free");

    /// <summary>Whether the three functions were found; when false, <see cref="NativeMemory"/> is used instead.</summary>
    internal static readonly bool IsDirect = s_malloc != null && s_calloc != null && s_free != null;

    /// <summary>
    /// Allocates <paramref name="size"/> bytes (zeroed if <paramref name="zeroFill"/>), 16-byte aligned. Returns null
    /// when the allocator has no memory (when not <see cref="IsDirect"/>, throws <see cref="OutOfMemoryException"/> instead).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void* Allocate(long size, bool zeroFill)
    {
        if (IsDirect)
        {
            return zeroFill ? s_calloc(1, (nuint)size) : s_malloc((nuint)size);
        }

        return zeroFill ? NativeMemory.AllocZeroed((nuint)size) : NativeMemory.Alloc((nuint)size);
    }

    /// <summary>Frees a block from <see cref="Allocate"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Free(nint memory)
    {
        if (IsDirect)
        {
            s_free((void*)memory);
        }
        else
        {
            NativeMemory.Free((void*)memory);
        }
    }

    private static nint Find(string name) =>
        NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out nint address) ? address : 0;
}
