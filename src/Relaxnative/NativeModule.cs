using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Relaxnative.Binding;
using Relaxnative.Isolation.Process;
using Relaxnative.Isolation.Worker;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// An open native library and the functions bound in it. Thread-safe: functions may be bound and called from any
/// thread. <see cref="Dispose"/> closes the library (and stops its helper process); calls made afterwards throw
/// <see cref="ObjectDisposedException"/>, and it must not race calls still running.
/// </summary>
/// <remarks>
/// With <see cref="IsolationMode.Worker"/>, Async functions' <c>InvokeAsync</c> (and <c>dynamic</c> calls, which then
/// return a <see cref="Task{TResult}"/>) run on native worker threads. With <see cref="IsolationMode.Process"/>, the
/// library is never loaded into this process: every call runs in the module's helper process.
/// </remarks>
public sealed partial class NativeModule : IDisposable, IAsyncDisposable
{
    // One pool of native worker threads serves every worker-isolated module of the process.
    private static readonly Lazy<WorkerDispatcher> s_workers = new(() => new WorkerDispatcher());

    private readonly NativeLibraryHandle? _library;
    private readonly ProcessDispatcher? _process;
    private readonly ConcurrentDictionary<string, NativeFunction> _functions = new(StringComparer.Ordinal);
    private Dictionary<string, SkippedFunction> _skipped = [];
    private readonly List<NativeFunction> _order = [];

    /// <summary>
    /// Changes whenever a name is (re)bound; <c>dynamic</c> call sites bake the function they resolved and stay valid
    /// while this is unchanged. Written under the bind lock; a call site reading a stale value only rebinds.
    /// </summary>
    internal int BindVersion;

    internal NativeModule(NativeLibraryHandle library, string? sourcePath, IsolationMode isolation, IReadOnlyList<SkippedFunction> skipped)
    {
        _library = library;
        LibraryPath = library.Path;
        SourcePath = sourcePath;
        Isolation = isolation;
        SetSkipped(skipped);
    }

    /// <summary>A module whose library lives in a helper process.</summary>
    internal NativeModule(ProcessDispatcher process, string? sourcePath, IReadOnlyList<SkippedFunction> skipped)
    {
        _process = process;
        LibraryPath = process.LibraryPath;
        SourcePath = sourcePath;
        Isolation = IsolationMode.Process;
        SetSkipped(skipped);
    }

    internal void SetSkipped(IReadOnlyList<SkippedFunction> skipped)
    {
        Skipped = [.. skipped];
        _skipped = skipped.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    /// <summary>The functions bound so far, in the order they were bound.</summary>
    public IReadOnlyList<NativeFunction> Functions
    {
        get
        {
            lock (_order)
            {
                return [.. _order];
            }
        }
    }

    /// <summary>Functions a loaded source defines but that cannot be bound, each with the reason.</summary>
    public IReadOnlyList<SkippedFunction> Skipped { get; private set; } = [];

    /// <summary>Where calls run.</summary>
    public IsolationMode Isolation { get; }

    /// <summary>The path of the shared library.</summary>
    public string LibraryPath { get; }

    /// <summary>The helper process's id while one runs (process isolation only); otherwise null.</summary>
    public int? HelperProcessId => _process?.HelperProcessId;

    /// <summary>The source file the library was built from, or null for a library opened directly.</summary>
    public string? SourcePath { get; }

    /// <summary>The bound function named <paramref name="name"/>.</summary>
    /// <exception cref="NativeBindingException">The function was skipped when the source was loaded; the reason is given.</exception>
    /// <exception cref="KeyNotFoundException">No such function is bound; the message lists those that are.</exception>
    public NativeFunction this[string name]
    {
        get
        {
            if (TryGetFunction(name, out var function))
            {
                return function;
            }

            if (_skipped.TryGetValue(name, out var skipped))
            {
                throw new NativeBindingException(name, [skipped.Reason]);
            }

            var available = Functions.Select(f => f.Name).ToArray();
            throw new KeyNotFoundException(
                $"No function '{name}' is bound in '{LibraryPath}'. " +
                (available.Length == 0 ? "None is bound yet: call Bind(\"<C declaration>\") first." : "Bound: " + string.Join(", ", available) + ".") +
                (Skipped.Count > 0 ? " Skipped: " + string.Join(", ", Skipped.Select(s => s.Name)) + "." : ""));
        }
    }

    /// <summary>Finds a bound function by name.</summary>
    public bool TryGetFunction(string name, out NativeFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>
    /// Binds the function a C declaration describes (<c>"int add(int a, int b)"</c>): parses it, finds the symbol and
    /// checks that every part is supported. Binding the same name again replaces the earlier binding. When the module
    /// knows declarations (from its sources or headers), their typedef names may be used (<c>"uLong crc32(uLong, const Bytef*, uInt)"</c>),
    /// and a declaration that disagrees with the known one is refused before it can crash a call.
    /// </summary>
    /// <exception cref="CParseException">The declaration does not parse; the message shows where.</exception>
    /// <exception cref="NativeBindingException">The symbol is missing, the declaration has unsupported parts (all listed), or it
    /// disagrees with the declaration the module knows (both are shown, with the header's file:line).</exception>
    /// <exception cref="ArgumentException"><see cref="BindOptions.Mode"/> is Async in an <see cref="IsolationMode.InProcess"/> module, which has no workers to run it on.</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public NativeFunction Bind(string declaration, BindOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var signature = ParseAgainstKnown(declaration, out var symbol);
        options ??= BindOptions.Default;
        RequireRunnableMode(signature.Name, options);
        return Bind(signature, options, symbol);
    }

    /// <summary>Binds a parsed signature.</summary>
    /// <exception cref="NativeBindingException">The symbol is missing, or the signature has unsupported parts.</exception>
    /// <exception cref="ArgumentException"><see cref="BindOptions.Mode"/> is Async in an <see cref="IsolationMode.InProcess"/> module, which has no workers to run it on.</exception>
    public NativeFunction Bind(CFunctionSignature signature, BindOptions options)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(options);
        RequireRunnableMode(signature.Name, options);
        return Bind(signature, options, signature.Name);
    }

    private void RequireRunnableMode(string name, BindOptions options)
    {
        if (options.Mode == ExecutionMode.Async && Isolation == IsolationMode.InProcess)
        {
            // Reporting Async while running on the caller would be a silent lie; the loader's annotations are a
            // different matter (InProcess is documented to ignore them) and bind through the private overload.
            throw new ArgumentException(
                $"Cannot bind '{name}' as ExecutionMode.Async: this module uses IsolationMode.InProcess, which " +
                "calls every function on the caller. Open or load the library with IsolationMode.Worker (the default) to run Async functions on worker threads.",
                nameof(options));
        }
    }

    private NativeFunction Bind(CFunctionSignature signature, BindOptions options, string symbol, nint knownAddress = 0)
    {
        var problems = CallPlanner.FindProblems(signature, _layouts);
        if (problems.Count > 0)
        {
            throw new NativeBindingException(signature.Name, problems);
        }

        NativeFunction function;
        if (_process is not null)
        {
            // The library is not loaded here; a missing symbol is reported by the helper at the first call.
            function = _process.CreateFunction(symbol == signature.Name ? signature : signature with { Name = symbol }, options.Mode, options.Cost, options.Trivial,
                options.CaptureErrno, _layouts);
        }
        else
        {
            nint address = knownAddress != 0 ? knownAddress : _library!.TryGetExport(symbol);
            if (address == 0)
            {
                throw new NativeBindingException(signature.Name, [BindingErrors.SymbolNotFound(symbol, LibraryPath)]);
            }

            // Only Async functions of worker-isolated modules need the pool; everything else calls directly.
            var dispatcher = Isolation == IsolationMode.Worker && options.Mode == ExecutionMode.Async ? s_workers.Value : null;
            function = new NativeFunction(_library!, address, signature, options.Mode, options.Cost, options.Trivial, dispatcher, options.CaptureErrno, layouts: _layouts);
        }

        if (_process is not null && options.StringEncoding != StringEncoding.Utf8)
        {
            // The helper decodes char* results before they cross; it knows only UTF-8.
            throw new NotSupportedException(
                $"Cannot bind '{signature.Name}' with StringEncoding.{options.StringEncoding}: this module uses IsolationMode.Process, " +
                "whose helper reads char* text as UTF-8 only. Bind with StringEncoding.Utf8 and ask for the result as NativeBuffer-copied " +
                "bytes, or load the module with IsolationMode.Worker or InProcess.");
        }

        var declaredBounds = _declarations is { } model && model.TryGetFunction(signature.Name, out var known)
            && known.Bounds.Count > 0 && CTypeResolution.SameSignature(signature, known.Signature) ? known.Bounds : [];
        function.Configure(options, OwnedResultOf(signature, options), declaredBounds);
        lock (_order)
        {
            // Rebinding a name is rare; scanning the list on every bind made loading n functions O(n^2).
            if (_functions.ContainsKey(function.Name))
            {
                _order.RemoveAll(f => f.Name == function.Name);
            }

            _order.Add(function);
            _functions[function.Name] = function;
            BindVersion++;
        }

        return function;
    }

    private OwnedResult? OwnedResultOf(CFunctionSignature signature, BindOptions options)
    {
        if (options.Frees is not { } frees)
        {
            return null;
        }

        if (_process is not null)
        {
            throw new NotSupportedException(
                $"Cannot bind '{signature.Name}' with BindOptions.Frees = \"{frees}\": this module uses IsolationMode.Process, whose results " +
                "are handles into the helper process, where they must also be freed. Load the module with IsolationMode.Worker or InProcess, " +
                "or export a C function that copies the result into a caller's buffer and frees it.");
        }

        nint address = _library!.TryGetExport(frees);
        if (address == 0)
        {
            throw new NativeBindingException(signature.Name, [BindingErrors.FreeFunctionNotFound(frees, LibraryPath)]);
        }

        return new OwnedResult(frees, address, _library);
    }

    /// <summary>Binds an exported function under its C name, looking up <paramref name="symbol"/> (an <c>__asm__</c> label may differ from the name); false when the symbol is missing.</summary>
    internal bool TryBindExport(CFunctionSignature signature, string symbol, BindOptions options)
    {
        nint address = _library?.TryGetExport(symbol) ?? 0;
        if (_library is not null && address == 0)
        {
            return false;
        }

        Bind(signature, options, symbol, address);
        return true;
    }

    /// <summary>Binds a declaration and returns a typed delegate for it (see <see cref="NativeFunction.AsDelegate{TDelegate}"/>).</summary>
    /// <exception cref="NativeBindingException">The declaration cannot be bound, or the delegate type does not match it.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public TDelegate Bind<TDelegate>(string declaration, BindOptions? options = null) where TDelegate : Delegate =>
        Bind(declaration, options).AsDelegate<TDelegate>();

    /// <summary>A <c>dynamic</c> view: <c>module.AsDynamic().add(2, 3)</c> calls the bound function <c>add</c>.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public dynamic AsDynamic() => new Dynamic.DynamicModule(this);

    /// <summary>
    /// Allocates <paramref name="size"/> bytes for calls into this module. In process isolation the memory is shared
    /// with the helper, so it crosses with no copy (and survives a helper crash); release it with <see cref="Free"/>
    /// or let <see cref="Dispose"/> do it. Otherwise this is <c>Native.Alloc(size)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive.</exception>
    public NativeBuffer Alloc(long size) =>
        _process is not null ? _process.Alloc(size) : Memory.Heap.NativeHeap.Allocate(size, AllocOptions.Default);

    /// <summary>Frees a buffer from <see cref="Alloc"/> (shared buffers go back to the module; others are freed normally).</summary>
    /// <exception cref="InvalidFreeException">The buffer was already freed.</exception>
    public void Free(NativeBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (_process is null || !_process.FreeShared(buffer))
        {
            buffer.Free();
        }
    }

    /// <summary>Closes the library and stops the helper process, if any. Idempotent.</summary>
    public void Dispose()
    {
        _library?.Dispose();
        _process?.Dispose();
    }

    /// <summary>Closes the library. Idempotent.</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeModule({LibraryPath}, {_functions.Count} function(s))";
}
