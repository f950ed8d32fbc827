namespace Relaxnative.Memory.Heap;

/// <summary>
/// Carries the finalizer for auto-free buffers, so that buffers without auto-free are plain objects that cost the
/// GC nothing extra. Only its buffer references it, so both become unreachable together.
/// </summary>
internal sealed class AutoFreeSentinel(NativeBuffer buffer)
{
    ~AutoFreeSentinel() => buffer.FreeFromFinalizer();
}
