namespace Relaxnative.Memory.Heap;

/// <summary>How a block was obtained, and therefore how it must be released.</summary>
internal enum HeapBlockKind : byte
{
    /// <summary>Not ours: a wrapped foreign block. Releasing it does nothing.</summary>
    Foreign,

    /// <summary><c>malloc</c>/<c>calloc</c> through <see cref="PlainAllocator"/>; freed by its <c>free</c>.</summary>
    Plain,

    /// <summary><see cref="System.Runtime.InteropServices.NativeMemory.AlignedAlloc"/>; must be freed with <c>AlignedFree</c>.</summary>
    Aligned,

    /// <summary>Aligned, with canary zones of <see cref="HeapBlock.FrontGuardBytes"/> before and <see cref="GuardZones.BackBytes"/> after.</summary>
    Guarded,
}

/// <summary>The allocator's view of one block: what to pass back to the allocator, and how.</summary>
/// <param name="Base">The pointer the allocator returned (before any front guard zone).</param>
/// <param name="Kind">How to release it.</param>
/// <param name="FrontGuardBytes">Bytes of canary before the user block (0 unless guarded).</param>
internal readonly record struct HeapBlock(nint Base, HeapBlockKind Kind, int FrontGuardBytes = 0);
