namespace Relaxnative;

/// <summary>Who allocated a block of native memory, and therefore who may free it.</summary>
public enum Ownership
{
    /// <summary>Allocated by Relaxnative; freed by <see cref="NativeBuffer.Free"/>, <see cref="NativeBuffer.Dispose"/>, an arena, or auto-free.</summary>
    Managed,

    /// <summary>Allocated by native code (for example returned by <c>strdup</c>); Relaxnative never frees it. Release it with the library's own deallocator.</summary>
    Native,

    /// <summary>A view into memory someone else owns (a slice of a buffer, or memory lent by a caller); never freed through the view.</summary>
    Borrowed,
}
