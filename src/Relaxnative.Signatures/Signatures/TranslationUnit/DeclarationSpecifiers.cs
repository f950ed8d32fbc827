namespace Relaxnative.Signatures;

/// <summary>The storage class and function specifiers of the declaration being read.</summary>
internal sealed class DeclarationSpecifiers
{
    public bool IsTypedef { get; set; }

    public CStorageClass Storage { get; set; }

    public bool IsInline { get; set; }
}
