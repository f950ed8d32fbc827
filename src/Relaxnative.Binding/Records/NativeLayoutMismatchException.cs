namespace Relaxnative;

/// <summary>
/// Thrown when a C# struct is used for a C record (a by-value parameter or result, <c>NativeStruct.As&lt;T&gt;</c>,
/// <c>NativeStruct.From</c>) but its layout differs from the one the C compiler measured. The message prints both
/// layouts side by side, one scalar per row, and marks the rows that differ.
/// </summary>
public sealed class NativeLayoutMismatchException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="recordName">The C record (<c>struct point</c>, <c>Vector2</c>).</param>
    /// <param name="managedType">The C# struct.</param>
    /// <param name="message">What differs, with both layouts.</param>
    public NativeLayoutMismatchException(string recordName, Type managedType, string message) : base(message)
    {
        RecordName = recordName;
        ManagedType = managedType;
    }

    /// <summary>Creates the exception with a message.</summary>
    public NativeLayoutMismatchException(string message) : base(message)
    {
        RecordName = "";
        ManagedType = typeof(void);
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public NativeLayoutMismatchException(string message, Exception innerException) : base(message, innerException)
    {
        RecordName = "";
        ManagedType = typeof(void);
    }

    /// <summary>Creates the exception with no message.</summary>
    public NativeLayoutMismatchException() : this("A C# struct does not match the C record's layout.") { }

    /// <summary>The C record's name.</summary>
    public string RecordName { get; }

    /// <summary>The C# struct that was checked.</summary>
    public Type ManagedType { get; }
}
