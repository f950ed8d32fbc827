namespace Relaxnative;

/// <summary>
/// Base class for errors in the use of native memory: use after free, invalid free, null pointers and overruns.
/// Derives from <see cref="InvalidOperationException"/>: each one reports an operation that was invalid for the
/// state of the memory. <see cref="Address"/> and <see cref="Size"/> name the block concerned.
/// </summary>
public class MemoryException : InvalidOperationException
{
    /// <summary>Creates an exception with a message.</summary>
    public MemoryException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    public MemoryException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public MemoryException() { }

    /// <summary>The address of the block concerned (0 when not known).</summary>
    public nint Address { get; init; }

    /// <summary>The size of the block concerned in bytes (0 when not known).</summary>
    public long Size { get; init; }
}
