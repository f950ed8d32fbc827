namespace Relaxnative;

/// <summary>
/// Thrown by <see cref="NativeBuffer.Free"/> when a guarded buffer's canary bytes were damaged: something wrote
/// outside the block. The memory has still been released. <see cref="Offset"/> is counted from the start of the
/// buffer, so a one-byte overrun of a 64-byte buffer reports offset 64 and a one-byte underrun reports -1.
/// </summary>
public sealed class BufferOverrunException : MemoryException
{
    /// <summary>Creates an exception with a message.</summary>
    public BufferOverrunException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public BufferOverrunException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public BufferOverrunException() { }

    /// <summary>The damaged side.</summary>
    public GuardSide Side { get; init; }

    /// <summary>The lowest damaged offset, in bytes from the buffer's start (negative before the block).</summary>
    public long Offset { get; init; }
}
