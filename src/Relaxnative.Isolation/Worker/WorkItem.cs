using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative.Isolation.Worker;

/// <summary>One queued call: the function, its arguments, the leases taken for it, and the task to complete.</summary>
internal sealed class WorkItem : TaskCompletionSource<object?>
{
    private readonly Call _call;
    private readonly object?[] _args;
    private readonly CancellationTokenRegistration _registration;
    private List<LeasedBuffer>? _leases;
    private int _state; // 0 queued, 1 started or finished
    private object? _result;
    private Exception? _exception;
    private bool _skipped;
    private readonly bool _capturesErrno;
    private int _errno;

    // The call is bound where the item is made (an API that declares run-time code generation), so the worker
    // thread that runs it needs no such declaration of its own.
    private delegate object? Call(object?[] args, List<LeasedBuffer>? leases);

    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal WorkItem(NativeFunction function, object?[] args, List<LeasedBuffer>? leases, CancellationToken cancellationToken,
        ILeasedInvoker? dispatcher)
        // Continuations run inline on the worker that completed the call: handing them to the thread pool costs a
        // thread wake-up per call (WorkerBenchmarks.Worker_InvokeAsync). Awaiters that do heavy work after the await
        // should hop off with Task.Yield or ConfigureAwait(ConfigureAwaitOptions.ForceYielding).
        : base(TaskCreationOptions.None)
    {
        _call = dispatcher is not null ? (a, l) => dispatcher.InvokeLeased(function, a, l)
            : (a, l) => l is null ? function.InvokeInProcess(a) : function.InvokeInProcess(ArgumentLeases.Addresses(a));
        _args = args;
        _leases = leases;
        _capturesErrno = function.Plan.CaptureErrno;
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.Register(static (state, token) => ((WorkItem)state!).Cancel(token), this);
        }
    }

    /// <summary>Runs the call on this thread unless it was cancelled first; <see cref="Complete"/> then publishes the outcome.</summary>
    internal void Run()
    {
        if (Interlocked.Exchange(ref _state, 1) != 0)
        {
            _skipped = true;
            return;
        }

        _registration.Dispose();
        try
        {
            _result = _call(_args, _leases);
            _errno = NativeFunction.LastErrno;
        }
        catch (Exception e)
        {
            _exception = e;
        }

        // Leases end before the task completes: continuations run inline and may inspect the buffers.
        ReleaseLeases();
    }

    /// <summary>Completes the task with the outcome of <see cref="Run"/> (continuations run inline, on this thread).</summary>
    internal void Complete()
    {
        if (_skipped)
        {
            return;
        }

        if (_capturesErrno)
        {
            // Continuations run inline on this thread: they read the call's errno through NativeFunction.LastErrno.
            NativeFunction.SetLastErrno(_errno);
        }

        if (_exception is not null)
        {
            TrySetException(_exception);
        }
        else
        {
            TrySetResult(_result);
        }
    }

    internal void Fail(Exception exception)
    {
        if (Interlocked.Exchange(ref _state, 1) == 0)
        {
            _registration.Dispose();
            ReleaseLeases();
            TrySetException(exception);
        }
    }

    private void Cancel(CancellationToken token)
    {
        if (Interlocked.Exchange(ref _state, 1) == 0)
        {
            ReleaseLeases();
            TrySetCanceled(token);
        }
    }

    private void ReleaseLeases() => ArgumentLeases.Release(Interlocked.Exchange(ref _leases, null));
}
