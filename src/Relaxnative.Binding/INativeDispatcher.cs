using System.Diagnostics.CodeAnalysis;

namespace Relaxnative.Binding;

/// <summary>
/// Decides where a <see cref="NativeFunction"/>'s calls run. Without one, calls run in-process on the caller.
/// The Isolation room implements it for worker threads and for the helper process. Implementations must be
/// thread-safe.
/// </summary>
internal interface INativeDispatcher
{
    /// <summary>Runs a synchronous call (<see cref="NativeFunction.Invoke"/>) and returns its boxed result.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    object? Invoke(NativeFunction function, ReadOnlySpan<object?> args);

    /// <summary>Runs an asynchronous call (<see cref="NativeFunction.InvokeAsync(object?[])"/>) and returns its boxed result.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    Task<object?> InvokeAsync(NativeFunction function, object?[] args, CancellationToken cancellationToken);
}
