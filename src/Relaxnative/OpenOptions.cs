namespace Relaxnative;

/// <summary>Options for <see cref="Native.Open"/>. Immutable.</summary>
public sealed record OpenOptions
{
    /// <summary>C declarations to bind when the library opens (for example <c>"uLong crc32(uLong crc, const Bytef* buf, uInt len)"</c> spelled with plain C types).</summary>
    public IReadOnlyList<string> Declarations { get; init; } = [];

    /// <summary>
    /// Where calls run. Default <see cref="IsolationMode.Worker"/>: Sync functions on the caller, Async ones
    /// (<see cref="BindOptions.Mode"/>) on native worker threads when called with <c>InvokeAsync</c>.
    /// <see cref="IsolationMode.InProcess"/> calls everything on the caller, so binding an Async function is refused.
    /// <see cref="IsolationMode.Process"/> is not available here: load the library file with
    /// <see cref="Native.Load"/> and <see cref="LoadOptions.Declarations"/> instead.
    /// </summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Worker;
}
