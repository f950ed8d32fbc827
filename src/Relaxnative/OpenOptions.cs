namespace Relaxnative;

/// <summary>Options for <see cref="Native.Open"/>. Immutable.</summary>
public sealed record OpenOptions
{
    /// <summary>C declarations to bind when the library opens (for example <c>"uLong crc32(uLong crc, const Bytef* buf, uInt len)"</c>; typedef names of <see cref="Headers"/> may be used).</summary>
    public IReadOnlyList<string> Declarations { get; init; } = [];

    /// <summary>
    /// Where calls run. Default <see cref="IsolationMode.Worker"/>: Sync functions on the caller, Async ones
    /// (<see cref="BindOptions.Mode"/>) on native worker threads when called with <c>InvokeAsync</c>.
    /// <see cref="IsolationMode.InProcess"/> calls everything on the caller, so binding an Async function is refused.
    /// <see cref="IsolationMode.Process"/> is not available here: load the library file with
    /// <see cref="Native.Load"/> and <see cref="LoadOptions.Declarations"/> instead.
    /// </summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Worker;

    /// <summary>
    /// Headers that declare the library's functions (<c>"zlib.h"</c>, <c>"openssl/sha.h"</c>, or paths to header files).
    /// They are preprocessed by the C compiler with <see cref="IncludePaths"/> and <see cref="Defines"/>, and every function
    /// they declare that the library exports is bound; the others the library exports are listed in
    /// <see cref="NativeModule.Skipped"/> with the reason. Requires a C compiler (or C++ with <see cref="IsCpp"/>).
    /// </summary>
    public IReadOnlyList<string> Headers { get; init; } = [];

    /// <summary>Folders searched for <see cref="Headers"/> and what they include (<c>-I</c>).</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = [];

    /// <summary>Macros defined while reading <see cref="Headers"/> (<c>-D</c>): <c>"NAME"</c> or <c>"NAME=value"</c>, as the library was built with.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>Whether <see cref="Headers"/> are C++ headers (read by the C++ compiler; only <c>extern "C"</c> functions bind).</summary>
    public bool IsCpp { get; init; }

    /// <summary>The compiler used to preprocess <see cref="Headers"/>; <see langword="null"/> discovers one (<c>$CC</c>, <c>cc</c>, ...).</summary>
    public string? Compiler { get; init; }

    /// <summary>
    /// Where the model learned from <see cref="Headers"/> is cached, as <see cref="BuildOptions.CacheDirectory"/>;
    /// <see langword="null"/> uses <c>RELAXNATIVE_CACHE_DIR</c>, then <c>$XDG_CACHE_HOME/relaxnative</c>, then
    /// <c>~/.cache/relaxnative</c>. A later open with the same compiler, options and unchanged headers neither
    /// preprocesses nor parses.
    /// </summary>
    public string? CacheDirectory { get; init; }
}
