namespace Relaxnative.Isolation.Worker;

/// <summary>
/// A buffer argument leased for a call, with its size read when the lease was taken: once the buffer is freed
/// (which a lease allows during the call) <see cref="NativeBuffer.Size"/> throws, yet the call still needs it.
/// </summary>
internal readonly record struct LeasedBuffer(NativeBuffer Buffer, long ByteCount);
