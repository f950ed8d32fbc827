namespace Relaxnative.Isolation.Wire;

/// <summary>How a call ended in the helper.</summary>
internal enum ResultStatus : byte
{
    /// <summary>The call returned; the slot holds the result (and the text a returned C string, if any).</summary>
    Ok = 0,

    /// <summary>The call could not be made or threw; the text says why.</summary>
    Error = 1,

    /// <summary>The call returned a NULL <c>char*</c>.</summary>
    NullString = 2,
}
