namespace Relaxnative;

/// <summary>Thrown when a <see cref="NativePointer"/> would hold the address 0.</summary>
public sealed class NullPointerException : MemoryException
{
    /// <summary>Creates an exception with a message.</summary>
    public NullPointerException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public NullPointerException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public NullPointerException() { }
}
