using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Relaxnative.Binding;

namespace Relaxnative.Isolation.Worker;

/// <summary>
/// A pool of dedicated native worker threads (not the .NET thread pool) that run queued native calls, first in first
/// out. Long native calls therefore never starve the thread pool, and the pool never grows. Thread-safe.
/// <see cref="Dispose"/> stops the threads after the calls already running; calls still queued fail with
/// <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class WorkerPool : IDisposable
{
    // An idle worker polls the queue this long before sleeping on the semaphore: calls that follow each other closely
    // then cost no thread wake-up, the dominant cost of a short call (WorkerBenchmarks.Worker_InvokeAsync).
    private static readonly long s_spinTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 us

    private static readonly Lazy<WorkerPool> s_shared = new(() => new WorkerPool());

    private readonly ConcurrentQueue<WorkItem> _queue = new();
    private readonly SemaphoreSlim _available = new(0);
    private readonly Thread[] _threads;
    private int _sleepers;
    // The poller role: 0 free; 1 a worker is polling the queue; 2 the poller is running a call. Only one worker polls
    // at a time (the others sleep), so pollers never crowd out callers on small machines; and on virtual machines,
    // where waking a sleeping thread on an idle vCPU can take tens of microseconds, a short call costs no wake-up.
    private int _poller;
    private volatile bool _disposed;

    /// <summary>Starts <paramref name="threadCount"/> worker threads (default: <see cref="Environment.ProcessorCount"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threadCount"/> is not positive.</exception>
    public WorkerPool(int? threadCount = null)
    {
        int count = threadCount ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count, nameof(threadCount));
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"Relaxnative worker {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>The process-wide pool that modules share unless given their own; never disposed.</summary>
    public static WorkerPool Shared => s_shared.Value;

    /// <summary>The number of worker threads.</summary>
    public int ThreadCount => _threads.Length;

    /// <summary>
    /// Queues a call of <paramref name="function"/> (run with <see cref="NativeFunction.InvokeInProcess"/>). Buffers
    /// among the arguments are leased now and released when the call ends. Cancelling <paramref name="cancellationToken"/>
    /// before the call starts cancels the task; a started call runs to completion.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The pool was disposed.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<object?> Enqueue(NativeFunction function, object?[] args, CancellationToken cancellationToken = default) =>
        Enqueue(function, args, cancellationToken, dispatcher: null);

    /// <summary>As <see cref="Enqueue(NativeFunction, object?[], CancellationToken)"/>, running the call through <paramref name="dispatcher"/>.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal Task<object?> Enqueue(NativeFunction function, object?[] args, CancellationToken cancellationToken, ILeasedInvoker? dispatcher)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(args);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        // Leased from the moment the call is made, whoever runs it: a Free while the call waits in the queue must not
        // release memory the call is about to use.
        List<LeasedBuffer>? leases;
        try
        {
            leases = ArgumentLeases.Acquire(args);
        }
        catch (Exception e)
        {
            return Task.FromException<object?>(e);
        }

        var item = new WorkItem(function, args, leases, cancellationToken, dispatcher);
        _queue.Enqueue(item);
        // Enqueue is a full fence (interlocked), so either a worker about to stop polling or sleep sees the item, or we
        // see that none is polling and wake a sleeper.
        if (Volatile.Read(ref _poller) != 1 && Volatile.Read(ref _sleepers) > 0)
        {
            _available.Release();
        }

        if (_disposed)
        {
            // Dispose may have drained the queue before this item landed in it.
            DrainQueue();
        }

        return item.Task;
    }

    /// <summary>Stops the worker threads after their current calls; queued calls fail with <see cref="ObjectDisposedException"/>. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _available.Release(_threads.Length);
        foreach (var thread in _threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }

        DrainQueue();
    }

    private void DrainQueue()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Fail(new ObjectDisposedException(nameof(WorkerPool), IsolationErrors.WorkerDisposed()));
        }
    }

    private void Run()
    {
        while (!_disposed)
        {
            if (Interlocked.CompareExchange(ref _poller, 1, 0) == 0)
            {
                while (!_disposed && Poll() is { } polled)
                {
                    Volatile.Write(ref _poller, 2);
                    if (!_queue.IsEmpty && Volatile.Read(ref _sleepers) > 0)
                    {
                        _available.Release(); // more work: wake a helper while this one runs the call
                    }

                    polled.Run();
                    // Back to polling before completing: the continuation runs inline and often queues the next call.
                    Volatile.Write(ref _poller, 1);
                    polled.Complete();
                }

                Interlocked.Exchange(ref _poller, 0);
            }
            else if (_queue.TryDequeue(out var item))
            {
                item.Run();
                item.Complete();
                continue;
            }

            Interlocked.Increment(ref _sleepers);
            if (_queue.IsEmpty && !_disposed)
            {
                _available.Wait();
            }

            Interlocked.Decrement(ref _sleepers);
        }
    }

    // Polls the queue for up to s_spinTicks; null when nothing arrived.
    private WorkItem? Poll()
    {
        long spinUntil = System.Diagnostics.Stopwatch.GetTimestamp() + s_spinTicks;
        do
        {
            if (_queue.TryDequeue(out var item))
            {
                return item;
            }

            Thread.SpinWait(20);
        }
        while (!_disposed && System.Diagnostics.Stopwatch.GetTimestamp() < spinUntil);
        return null;
    }
}
