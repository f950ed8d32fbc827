namespace Relaxnative;

/// <summary>
/// Thrown when memory is freed twice, or when Relaxnative is asked to free memory it did not allocate
/// (<see cref="Ownership.Native"/> or <see cref="Ownership.Borrowed"/>).
/// </summary>
public sealed class InvalidFreeException : MemoryException
{
    /// <summary>Creates an exception with a message.</summary>
    public InvalidFreeException(string message) : base(message) { }

    /// <summary>Creates an exception with a message and its cause.</summary>
    public InvalidFreeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates an exception with no message.</summary>
    public InvalidFreeException() { }

    /// <summary><see langword="true"/> when the memory had already been freed (a double free).</summary>
    public bool IsDoubleFree { get; init; }
}
