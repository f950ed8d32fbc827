namespace Relaxnative;

/// <summary>
/// The entry point to Relaxnative: native memory (this file) and, in later parts, loading and calling native code.
/// All members are thread-safe.
/// </summary>
public static partial class Native
{
}
