using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Collections.Concurrent;
using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// One bound C function: its address in an open library and its C signature. Call it with <see cref="Invoke"/>
/// (convenient: boxed arguments, per-call conversion) or through <see cref="AsDelegate{TDelegate}"/> (an emitted stub:
/// no allocation, no boxing). Thread-safe: any number of threads may call it at once. Stubs are made on first use.
/// </summary>
public sealed unsafe partial class NativeFunction
{
    private readonly NativeLibraryHandle? _library;
    private readonly INativeDispatcher? _dispatcher;
    private readonly nint _address;
    // Made on the first AsDelegate: a load binds thousands of functions that are never called typed.
    private ConcurrentDictionary<Type, Delegate>? _typedStubs;
    private CallPlan _plan;
    private ValuePlan[] _parameters;
    private RawInvoker? _invoker;

    // Set only for functions whose declaration pairs a buffer with its count; the rest pay one null test.
    private BoundsCheck? _bounds;

    /// <summary>A function in a library opened in this process.</summary>
    internal NativeFunction(NativeLibraryHandle library, nint address, CFunctionSignature signature,
        ExecutionMode mode = ExecutionMode.Sync, NativeCost cost = NativeCost.Unspecified, bool isTrivial = false,
        INativeDispatcher? dispatcher = null, bool captureErrno = false, int? variadicFrom = null, CLayoutTable? layouts = null)
        : this(signature, mode, cost, isTrivial, dispatcher, captureErrno, variadicFrom, layouts)
    {
        _library = library;
        _address = address;
    }

    /// <summary>A function that lives elsewhere (the helper process): every call goes through <paramref name="dispatcher"/>.</summary>
    internal NativeFunction(CFunctionSignature signature, ExecutionMode mode, NativeCost cost, bool isTrivial, INativeDispatcher? dispatcher,
        bool captureErrno = false, int? variadicFrom = null, CLayoutTable? layouts = null)
    {
        _dispatcher = dispatcher;
        Signature = signature;
        Mode = mode;
        Cost = cost;
        IsTrivial = isTrivial;
        // Validate now, so an unsupported declaration fails at bind time, not at the first call.
        // Wide-character pointers (wchar_t*, char16_t*, char32_t*) are text by their type alone, in every process.
        _plan = NativeText.Apply(CallPlanner.Create(signature, isTrivial, layouts), StringEncoding.Utf8) is var plan && (captureErrno || variadicFrom is not null)
            ? plan with { CaptureErrno = captureErrno, VariadicFrom = variadicFrom ?? plan.VariadicFrom }
            : plan;
        if (signature.IsVariadic)
        {
            _variadicCalls = new(StringComparer.Ordinal);
        }

        // An array, not the plan's IReadOnlyList: the untyped hot path indexes it once per argument.
        _parameters = [.. _plan.Parameters];
        _acceptedArrayTypes = new Type?[_parameters.Length];
        _recordBytes = RecordScratchBytes(_plan);
        _untypedCallFits = UntypedCallEmitter.Fits(_plan);
    }

    /// <summary>The C function's name.</summary>
    public string Name => Signature.Name;

    /// <summary>The C signature it was bound with.</summary>
    public CFunctionSignature Signature { get; }

    /// <summary>How calls run: <see cref="ExecutionMode.Sync"/> on the caller, <see cref="ExecutionMode.Async"/> on worker threads.</summary>
    public ExecutionMode Mode { get; }

    /// <summary>The declared cost (<c>@cost</c>), a hint for scheduling.</summary>
    public NativeCost Cost { get; }

    /// <summary>Whether calls skip the GC transition (<c>@trivial</c>): see docs/binding.md before using it.</summary>
    public bool IsTrivial { get; }

    /// <summary>The function's address in this process.</summary>
    /// <exception cref="ObjectDisposedException">The library was closed.</exception>
    /// <exception cref="InvalidOperationException">The function lives in a helper process (<see cref="IsRemote"/>).</exception>
    public nint Address
    {
        get
        {
            ThrowIfDisposed();
            return _address;
        }
    }

    /// <summary>Whether the function lives in another process; its calls go through the module's dispatcher.</summary>
    public bool IsRemote => _library is null;

    /// <summary>Where calls run; null when they run in-process on the caller.</summary>
    internal INativeDispatcher? Dispatcher => _dispatcher;

    /// <summary>The call plan (conversion of every parameter and the result).</summary>
    internal CallPlan Plan => _plan;

    /// <summary>
    /// Calls the function with boxed arguments converted per the SPEC type table; returns the boxed result
    /// (null for void and for NULL pointers). Buffers are leased, arrays pinned, strings copied for the call.
    /// </summary>
    /// <exception cref="ArgumentException">Wrong argument count, or a value that does not fit its C type.</exception>
    /// <exception cref="UseAfterFreeException">A freed buffer was passed.</exception>
    /// <exception cref="ObjectDisposedException">The library was closed.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    // Compiled once, fully optimized, without profile-guided tiering: with it, the same call measured 14 ns in most
    // processes and 20-28 ns in some, depending on what the instrumented tier happened to see (docs/binding.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public object? Invoke(params ReadOnlySpan<object?> args)
    {
        if (_variadicCalls is not null)
        {
            return VariadicCall(args, out var promoted).Invoke(promoted ?? args);
        }

        if (_dispatcher is not null)
        {
            _bounds?.Check(_plan, args);
            return _dispatcher.Invoke(this, args);
        }

        return CallOnThisThread(args);
    }

    /// <summary>
    /// Calls the function directly on this thread, whatever the module's isolation: what worker threads and the
    /// in-process path run. Same conversions and errors as <see cref="Invoke"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The function is remote.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public object? InvokeInProcess(params ReadOnlySpan<object?> args)
    {
        if (_variadicCalls is not null)
        {
            return VariadicCall(args, out var promoted).InvokeInProcess(promoted ?? args);
        }

        return CallOnThisThread(args);
    }

    /// <summary>Calls the function and returns the result as <typeparamref name="T"/> (see <see cref="ReturnConverter.To{T}"/>).</summary>
    /// <exception cref="InvalidCastException">The result cannot be read as <typeparamref name="T"/>.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public T Invoke<T>(params ReadOnlySpan<object?> args)
    {
        if (_variadicCalls is not null)
        {
            return VariadicCall(args, out var promoted).Invoke<T>(promoted ?? args);
        }

        if (_dispatcher is not null)
        {
            _bounds?.Check(_plan, args);
            return ConvertResult<T>(_dispatcher.Invoke(this, args));
        }

        if (_recordBytes >= 0)
        {
            return ReturnConverter.Convert<T>(_plan.Return, InvokeWithRecords(args, typeof(T)), Name);
        }

        ulong result = CallHere(args);
        return ReturnConverter.To<T>(_plan.Return, &result, Name);
    }

    /// <summary>
    /// Calls the function and returns a task with its result. In the in-process binding the call runs on the caller
    /// and the task is already complete; modules loaded with worker or process isolation run it elsewhere.
    /// Arguments stay leased until the call finishes.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<object?> InvokeAsync(params object?[] args) => InvokeAsync(CancellationToken.None, args);

    /// <summary>As <see cref="InvokeAsync(object?[])"/>; <paramref name="cancellationToken"/> cancels a call that has not started yet.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<object?> InvokeAsync(CancellationToken cancellationToken, params object?[] args)
    {
        if (_variadicCalls is not null)
        {
            try
            {
                var call = VariadicCall(args, out var promoted);
                return call.InvokeAsync(cancellationToken, promoted ?? args);
            }
            catch (ArgumentException e)
            {
                return Task.FromException<object?>(e);
            }
        }

        if (_dispatcher is not null)
        {
            if (_bounds is not null)
            {
                try
                {
                    _bounds.Check(_plan, args);
                }
                catch (ArgumentException e)
                {
                    return Task.FromException<object?>(e);
                }
            }

            return _dispatcher.InvokeAsync(this, args, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<object?>(cancellationToken);
        }

        try
        {
            return Task.FromResult(Invoke(args));
        }
        catch (Exception e)
        {
            return Task.FromException<object?>(e);
        }
    }

    /// <summary>As <see cref="InvokeAsync(object?[])"/>, with the result as <typeparamref name="T"/>.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public Task<T> InvokeAsync<T>(params object?[] args) => InvokeAsync<T>(CancellationToken.None, args);

    /// <inheritdoc/>
    public override string ToString() => Signature.ToString();

    private void ThrowIfDisposed()
    {
        if (_library is null)
        {
            throw new InvalidOperationException(
                $"'{Name}' lives in a helper process; it has no address here. Call it with Invoke or InvokeAsync.");
        }

        if (_library.IsDisposed)
        {
            BindingErrors.ThrowDisposed($"The library '{_library.Path}' of '{Name}'");
        }
    }
}
