namespace Relaxnative;

/// <summary>Options for <c>Native.Alloc</c> and <see cref="NativeArena"/>. Immutable; safe to share between threads.</summary>
public sealed record AllocOptions
{
    /// <summary>The options <c>Native.Alloc(size)</c> uses: zero-filled, 16-byte aligned, no auto-free, no guard.</summary>
    public static AllocOptions Default { get; } = new();

    /// <summary>
    /// When <see langword="true"/>, a finalizer frees the memory if the buffer becomes unreachable without being freed.
    /// Best effort: the GC decides when, so prefer <c>using</c> or <see cref="NativeBuffer.Free"/>. Costs a small extra
    /// object per allocation (see the AutoFree row of the allocation benchmark).
    /// </summary>
    public bool AutoFree { get; init; }

    /// <summary>When <see langword="true"/> (the default), the memory is zeroed before it is returned.</summary>
    public bool ZeroFill { get; init; } = true;

    /// <summary>Alignment of <see cref="NativeBuffer.Address"/> in bytes: a power of two from 1 to 4096. Default 16.</summary>
    public int Alignment { get; init; } = 16;

    /// <summary>
    /// When <see langword="true"/>, canary bytes are placed before and after the block and checked when it is freed;
    /// damage raises <see cref="BufferOverrunException"/>, and freed memory is poisoned. Setting the environment
    /// variable <c>RELAXNATIVE_MEMCHECK=1</c> turns this on for every allocation in the process.
    /// </summary>
    public bool Guard { get; init; }
}
