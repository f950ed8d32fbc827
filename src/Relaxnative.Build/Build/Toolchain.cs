namespace Relaxnative.Build;

/// <summary>A working compiler for one language.</summary>
/// <param name="Language">The language it compiles.</param>
/// <param name="Path">The absolute path of the compiler executable.</param>
/// <param name="Version">The first line of its <c>--version</c> output; part of the cache key.</param>
internal sealed record Toolchain(SourceLanguage Language, string Path, string Version);
