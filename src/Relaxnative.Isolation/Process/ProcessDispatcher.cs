using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;
using Relaxnative.Isolation.Wire;
using Relaxnative.Signatures;
using Relaxnative.Isolation.Worker;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// The dispatcher of <see cref="IsolationMode.Process"/>: every call of the module runs in one helper process
/// (<c>Relaxnative.Host</c>), started lazily on the first call and restarted after a crash or a timeout. Calls are
/// sent as binary frames over the helper's pipes; argument data travels through shared memory. Thread-safe: calls
/// from several threads are serialised (the helper runs one call at a time). See docs/isolation.md.
/// </summary>
internal sealed partial class ProcessDispatcher : INativeDispatcher, ILeasedInvoker, IDisposable, IAsyncDisposable
{
    private static int s_modules;

    // Reused by synchronous calls of this thread: leasing at entry allocates nothing (LeaseAtEntryBenchmarks).
    [ThreadStatic]
    private static List<LeasedBuffer>? t_leases;

    private readonly Lock _gate = new();
    private readonly ProcessIsolationOptions _options;
    private readonly FrameWriter _writer = new();
    private readonly FrameReader _reader = new();
    private readonly CallMarshaller _marshaller = new();
    private readonly Dictionary<NativeFunction, int> _functionIds = new(ReferenceEqualityComparer.Instance);
    private readonly List<string> _declarations = [];
    private readonly List<bool> _trivial = [];
    private readonly List<RecordShape[]> _records = [];
    private readonly HashSet<int> _defined = [];
    private readonly List<SharedRegion> _sharedRegions = [];
    private readonly List<SharedRegion> _retired = [];
    private readonly Timer _timeoutTimer;
    private readonly string _hostPath;
    private HelperProcess? _helper;
    private SharedRegion? _scratch;
    private WorkerPool? _asyncPool;
    private readonly string _moduleTag;
    private int _generation;
    private int _nextRegionId;
    private int _nextCallId;
    private int _armedCallId;
    private bool _disposed;

    private ProcessDispatcher(string libraryPath, ProcessIsolationOptions options, string hostPath)
    {
        LibraryPath = libraryPath;
        _options = options;
        _hostPath = hostPath;
        _moduleTag = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"module #{Interlocked.Increment(ref s_modules)} ({libraryPath})");
        Origin = "no helper started yet of " + _moduleTag;
        _timeoutTimer = new Timer(static d => ((ProcessDispatcher)d!).OnTimeout(), this, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>
    /// Prepares process isolation for the library at <paramref name="libraryPath"/>. The helper is located now (so a
    /// missing helper fails at load time) but started on the first call.
    /// </summary>
    /// <exception cref="FileNotFoundException">Relaxnative.Host.dll was not found; the message lists every place tried.</exception>
    public static ProcessDispatcher Start(string libraryPath, ProcessIsolationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(libraryPath);
        options ??= new ProcessIsolationOptions();
        return new ProcessDispatcher(Path.GetFullPath(libraryPath), options, HostLocator.Find(options.HostPath));
    }

    /// <summary>A helper process started (its pid). Raised on the calling thread, under the dispatcher's lock: keep handlers short.</summary>
    public event EventHandler<HelperStartedEventArgs>? HelperStarted;

    /// <summary>A helper process exited (pid, exit code, signal).</summary>
    public event EventHandler<HelperExitedEventArgs>? HelperExited;

    /// <summary>A call is being sent to the helper.</summary>
    public event EventHandler<CallDispatchedEventArgs>? CallDispatched;

    /// <summary>The library the helper loads.</summary>
    public string LibraryPath { get; }

    /// <summary>
    /// The origin that pointers returned by this module's current helper carry (<see cref="NativePointer.RemoteOrigin"/>),
    /// for example <c>helper generation 2 (pid 4242) of module #3 (/cache/libkernel.so)</c>. It changes every time a
    /// helper starts, and only pointers carrying the current origin are accepted by this module's functions.
    /// </summary>
    public string Origin { get; private set; }

    /// <summary>The path of the helper executable (Relaxnative.Host.dll).</summary>
    public string HostPath => _hostPath;

    /// <summary>The options the helper is started with.</summary>
    public ProcessIsolationOptions Options => _options;

    /// <summary>The running helper's process id, or null when none is running.</summary>
    public int? HelperProcessId
    {
        get
        {
            lock (_gate)
            {
                return _helper?.Pid;
            }
        }
    }

    /// <summary>
    /// Creates a function of this module whose calls run in the helper. The export is looked up in the helper on the
    /// first call (a missing export fails that call with <see cref="NativeBindingException"/>).
    /// </summary>
    /// <param name="signature">The C signature.</param>
    /// <param name="mode">Where <c>InvokeAsync</c> runs.</param>
    /// <param name="cost">The declared cost.</param>
    /// <param name="isTrivial">Whether the helper calls without the GC transition.</param>
    /// <param name="captureErrno">Whether the helper's errno comes back with each result.</param>
    /// <param name="layouts">The module's measured record layouts, for a signature that passes or returns a struct or
    /// union by value (its shape travels to the helper); <see langword="null"/> when none are known.</param>
    /// <exception cref="NativeBindingException">The signature has unsupported parts.</exception>
    public NativeFunction CreateFunction(CFunctionSignature signature, ExecutionMode mode = ExecutionMode.Sync,
        NativeCost cost = NativeCost.Unspecified, bool isTrivial = false, bool captureErrno = false, CLayoutTable? layouts = null) =>
        new(signature, mode, cost, isTrivial, this, captureErrno, layouts: layouts);

    /// <summary>
    /// Creates a function at <paramref name="pointer"/>, a function pointer this module's current helper returned; its
    /// calls run in that helper, which checks once that the address is executable there. <paramref name="layouts"/> are
    /// the module's measured record layouts (null when none are known), for a signature with records by value.
    /// </summary>
    /// <exception cref="ArgumentException">The pointer is not a remote pointer of this module's current helper.</exception>
    /// <exception cref="NativeBindingException">The signature has unsupported parts.</exception>
    public NativeFunction CreateFunctionAt(NativePointer pointer, CFunctionSignature signature, BindOptions options, CLayoutTable? layouts = null)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (RemoteTargetProblem(pointer) is { } problem)
            {
                throw new ArgumentException(problem, nameof(pointer));
            }
        }

        return NativeFunction.FromRemotePointer(pointer, signature, options, this, layouts);
    }

    // Null when the helper that returned the pointer is the one running now.
    private string? RemoteTargetProblem(NativePointer pointer) =>
        pointer.RemoteOrigin is not { } origin ? IsolationErrors.LocalFunctionPointer(pointer.DangerousGetAddress(), LibraryPath)
        : string.Equals(origin, Origin, StringComparison.Ordinal) ? null
        : origin.EndsWith(" of " + _moduleTag, StringComparison.Ordinal) ? IsolationErrors.RestartedFunctionPointer(pointer.DangerousGetAddress(), origin, Origin)
        : IsolationErrors.ForeignFunctionPointer(pointer.DangerousGetAddress(), origin, Origin);

    /// <inheritdoc/>
    /// <exception cref="NativeCrashException">The helper died during the call.</exception>
    /// <exception cref="NativeTimeoutException">The call ran longer than <see cref="ProcessIsolationOptions.CallTimeout"/>.</exception>
    /// <exception cref="NotSupportedException">A delegate was passed for a callback parameter.</exception>
    /// <exception cref="ArgumentException">An argument cannot cross into the helper (the message names it), a pointer is
    /// from another module or an earlier helper, or a NativePointer's memory is not readable in this process.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public object? Invoke(NativeFunction function, ReadOnlySpan<object?> args)
    {
        ArgumentNullException.ThrowIfNull(function);
        // Leased from entry: a call waiting for the lock or for the helper to start holds its buffers as a running one
        // does, so a Free meanwhile marks them freed without releasing memory the call is about to copy.
        // The list is kept per thread and taken out while in use, so a nested call on this thread gets its own.
        var list = t_leases ?? [];
        t_leases = null;
        var leases = ArgumentLeases.Acquire(args, list);
        try
        {
            return InvokeLeased(function, args, leases);
        }
        finally
        {
            ArgumentLeases.Release(leases);
            list.Clear();
            t_leases = list;
        }
    }

    /// <inheritdoc/>
    object? ILeasedInvoker.InvokeLeased(NativeFunction function, ReadOnlySpan<object?> args, List<LeasedBuffer>? leases) =>
        InvokeLeased(function, args, leases);

    private object? InvokeLeased(NativeFunction function, ReadOnlySpan<object?> args, List<LeasedBuffer>? leases)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return InvokeLocked(function, args, leases);
        }
    }

    /// <inheritdoc/>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<object?> InvokeAsync(NativeFunction function, object?[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        WorkerPool pool;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            pool = _asyncPool ??= new WorkerPool(1);
        }

        return pool.Enqueue(function, args, cancellationToken, this);
    }

    /// <summary>
    /// Allocates <paramref name="byteCount"/> bytes in memory shared with the helper: passing the buffer to this
    /// module's functions copies nothing. The memory is zeroed, lives until <see cref="Dispose"/> (or
    /// <see cref="FreeShared"/>), and survives helper restarts. The returned buffer is a borrowed view:
    /// <see cref="NativeBuffer.Free"/> throws; release it with <see cref="FreeShared"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteCount"/> is not positive.</exception>
    public NativeBuffer Alloc(long byteCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(byteCount);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var region = SharedRegion.Create(++_nextRegionId, byteCount);
            _sharedRegions.Add(region);
            if (_helper is not null)
            {
                TrySend(() => WireProtocol.WriteMapRegion(_writer, region.Id, region.Size, region.HelperPath));
            }

            return NativeBuffer.DangerousWrap(region.Address, byteCount, Ownership.Borrowed);
        }
    }

    /// <summary>Releases memory from <see cref="Alloc"/>. Returns false when <paramref name="buffer"/> is not from it. Must not race calls using it.</summary>
    public bool FreeShared(NativeBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        lock (_gate)
        {
            nint address = buffer.DangerousGetAddress();
            var region = _sharedRegions.Find(r => r.Address == address);
            if (region is null)
            {
                return false;
            }

            _sharedRegions.Remove(region);
            if (_helper is not null)
            {
                TrySend(() => WireProtocol.WriteUnmapRegion(_writer, region.Id));
            }

            buffer.Dispose();
            if (_helper is null)
            {
                region.Dispose();
            }
            else
            {
                _retired.Add(region);
            }

            return true;
        }
    }

    /// <summary>Stops the helper (asks it to exit, then kills it) and releases shared memory. Idempotent.</summary>
    public void Dispose()
    {
        WorkerPool? pool;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            pool = _asyncPool;
        }

        pool?.Dispose();
        lock (_gate)
        {
            StopHelper(orderly: true);
            _timeoutTimer.Dispose();
            _scratch?.Dispose();
            _scratch = null;
            DisposeRetired();
            foreach (var region in _sharedRegions)
            {
                region.Dispose();
            }

            _sharedRegions.Clear();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
