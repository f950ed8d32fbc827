namespace Relaxnative.Signatures;

/// <summary>The storage class written on a function declaration.</summary>
internal enum CStorageClass
{
    /// <summary>No storage class: external linkage.</summary>
    None,

    /// <summary><c>extern</c>: external linkage.</summary>
    Extern,

    /// <summary><c>static</c>: internal linkage; never exported.</summary>
    Static,
}
