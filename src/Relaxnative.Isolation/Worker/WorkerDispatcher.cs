using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative.Isolation.Worker;

/// <summary>
/// The dispatcher of <see cref="IsolationMode.Worker"/>: synchronous calls, and asynchronous calls of
/// <see cref="ExecutionMode.Sync"/> functions, run on the caller; asynchronous calls of
/// <see cref="ExecutionMode.Async"/> functions run on a <see cref="WorkerPool"/>. Thread-safe.
/// </summary>
internal sealed class WorkerDispatcher : INativeDispatcher, IDisposable
{
    private readonly bool _ownsPool;

    /// <summary>Dispatches to <paramref name="pool"/>, or to <see cref="WorkerPool.Shared"/> when null (which it does not dispose).</summary>
    public WorkerDispatcher(WorkerPool? pool = null)
    {
        Pool = pool ?? WorkerPool.Shared;
    }

    /// <summary>Dispatches to a pool of its own with <paramref name="threadCount"/> threads, disposed with the dispatcher.</summary>
    public WorkerDispatcher(int threadCount)
    {
        Pool = new WorkerPool(threadCount);
        _ownsPool = true;
    }

    /// <summary>The pool asynchronous calls run on.</summary>
    public WorkerPool Pool { get; }

    /// <summary>
    /// Creates a function at <paramref name="address"/> in <paramref name="library"/> whose calls go through this
    /// dispatcher (asynchronous calls of <see cref="ExecutionMode.Async"/> functions run on the pool).
    /// </summary>
    /// <exception cref="NativeBindingException">The signature has unsupported parts.</exception>
    public NativeFunction CreateFunction(NativeLibraryHandle library, nint address, CFunctionSignature signature,
        ExecutionMode mode, NativeCost cost = NativeCost.Unspecified, bool isTrivial = false) =>
        new(library, address, signature, mode, cost, isTrivial, this);

    /// <inheritdoc/>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public object? Invoke(NativeFunction function, ReadOnlySpan<object?> args)
    {
        ArgumentNullException.ThrowIfNull(function);
        return function.InvokeInProcess(args);
    }

    /// <inheritdoc/>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<object?> InvokeAsync(NativeFunction function, object?[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (function.Mode == ExecutionMode.Async)
        {
            return Pool.Enqueue(function, args, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        try
        {
            return Task.FromResult(function.InvokeInProcess(args));
        }
        catch (Exception e)
        {
            return Task.FromException<object?>(e);
        }
    }

    /// <summary>Disposes the pool if this dispatcher created it. Idempotent.</summary>
    public void Dispose()
    {
        if (_ownsPool)
        {
            Pool.Dispose();
        }
    }
}
