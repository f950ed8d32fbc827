namespace Relaxnative;

/// <summary>Thrown when a freed <see cref="NativeBuffer"/>, or a pointer tied to one, is used.</summary>
public sealed class UseAfterFreeException : MemoryException
{
    /// <summary>Creates an exception with a message.</summary>
    public UseAfterFreeException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public UseAfterFreeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public UseAfterFreeException() { }
}
