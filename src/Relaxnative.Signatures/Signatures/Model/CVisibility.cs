namespace Relaxnative.Signatures;

/// <summary>The ELF symbol visibility requested by <c>__attribute__((visibility("...")))</c>.</summary>
internal enum CVisibility
{
    /// <summary><c>visibility("default")</c>: exported from a shared library.</summary>
    Default,

    /// <summary><c>visibility("hidden")</c>: not exported.</summary>
    Hidden,

    /// <summary><c>visibility("protected")</c>: exported, not interposable.</summary>
    Protected,

    /// <summary><c>visibility("internal")</c>: not exported.</summary>
    Internal,
}
