using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// A .NET delegate exposed to native code as a C function pointer of a given signature. Pass a delegate directly
/// to a function-pointer parameter when native code uses it only during the call (it is kept alive for the call);
/// create a <see cref="NativeCallback"/> when native code keeps the pointer for later, and keep this object alive
/// (and undisposed) for as long as native code may call it.
/// </summary>
/// <remarks>
/// An exception thrown by the delegate cannot unwind through native frames. It is caught, the native caller gets a
/// zero/default return, and the exception is rethrown when the native call that received a temporary callback
/// returns; for a long-lived callback it is kept in <see cref="LastException"/>. Thread-safe: native code may call
/// the pointer from any thread.
/// </remarks>
public sealed class NativeCallback : IDisposable
{
    private readonly CallbackBinding _binding;
    private readonly CallbackMisuse _endedUse;
    private CallbackTrampoline? _trampoline;
    private nint _pointer;

    // The last parameter plan this callback was found compatible with: repeated calls passing it skip the comparison.
    private CallPlan? _checkedAgainst;

    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    private NativeCallback(CFunctionSignature signature, CallbackBinding binding, CallbackMisuse endedUse)
    {
        Signature = signature;
        _binding = binding;
        _endedUse = endedUse;
        _trampoline = CallbackThunkPool.Rent(binding.Plan, binding);
        _pointer = _trampoline.Pointer;
    }

    /// <summary>Retires the thunk of a callback dropped without <see cref="Dispose"/>, so a late native call fails fast with the reason.</summary>
    ~NativeCallback() => End(_endedUse with { Collected = true });

    /// <summary>The C signature native code calls.</summary>
    public CFunctionSignature Signature { get; }

    /// <summary>The function pointer to give to native code.</summary>
    /// <exception cref="ObjectDisposedException">The callback was disposed.</exception>
    public nint Pointer
    {
        get
        {
            nint pointer = Volatile.Read(ref _pointer);
            if (pointer == 0)
            {
                BindingErrors.ThrowDisposed("NativeCallback");
            }

            return pointer;
        }
    }

    /// <summary>
    /// The pointer to pass for <paramref name="parameter"/> of <paramref name="function"/>, once this callback's signature
    /// is known to agree with the one C will call it with (checked once per parameter plan, then remembered).
    /// </summary>
    /// <exception cref="ArgumentException">The signatures differ in a way the calling convention sees.</exception>
    /// <exception cref="ObjectDisposedException">The callback was disposed.</exception>
    internal nint PointerFor(string function, ValuePlan parameter)
    {
        if (parameter.Callback is { } expected && expected.Signature.Name != VariadicArguments.AnyFunction
            && !ReferenceEquals(Volatile.Read(ref _checkedAgainst), expected))
        {
            if (CallbackCompatibility.Difference(_binding.Plan, expected) is { } difference)
            {
                BindingErrors.ThrowBadArgument(function, parameter.Parameter!, "a callback of the parameter's signature", this,
                    $"The callback is '{Signature}' and native code would call it as '{expected.Signature}', but {difference}. " +
                    "Create the callback with the parameter's own declaration, or pass a delegate and let the call create it.");
            }

            Volatile.Write(ref _checkedAgainst, expected);
        }

        return Pointer;
    }

    /// <summary>The last exception the delegate threw while called from native code, if any.</summary>
    public Exception? LastException => _binding.LastException;

    /// <summary>
    /// Creates a callback from the C declaration of the function type, e.g. <c>int compare(const void* a, const void* b)</c>.
    /// The delegate's parameters may use the C types' .NET equivalents, and <see cref="nint"/> or
    /// <see cref="NativePointer"/> for pointers. For a signature with structs or unions by value, create the callback
    /// with <c>NativeModule.CreateCallback</c>, which knows the records' layouts.
    /// </summary>
    /// <exception cref="CParseException">The declaration does not parse.</exception>
    /// <exception cref="NativeBindingException">The signature cannot be used (records by value need a module), or the delegate's parameter count differs.</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    public static NativeCallback Create(string declaration, Delegate handler) =>
        Create(CDeclarationParser.Parse(declaration), handler);

    /// <summary>Creates a callback for <paramref name="signature"/>.</summary>
    /// <exception cref="NativeBindingException">The signature cannot be used (records by value need a module), or the delegate's parameter count differs.</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    public static NativeCallback Create(CFunctionSignature signature, Delegate handler) => Create(signature, handler, layouts: null);

    /// <summary>
    /// A callback whose records by value are laid out as <paramref name="layouts"/> measured them (a module's sources or
    /// headers); a record parameter or result of the handler is checked against the C layout now.
    /// </summary>
    /// <exception cref="NativeBindingException">The signature cannot be used, or the delegate does not match it (every mismatch listed).</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static NativeCallback Create(CFunctionSignature signature, Delegate handler, CLayoutTable? layouts)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(handler);
        if (layouts is null && signature.Parameters.Select(p => p.Type).Append(signature.ReturnType).Any(t => t.Kind is CTypeKind.Struct or CTypeKind.Opaque))
        {
            throw new NativeBindingException(NameOf(signature), [BindingErrors.CallbackRecordsNeedModule(signature)]);
        }

        return Create(CallPlanner.Create(signature, layouts: layouts), handler, function: null, parameter: null);
    }

    /// <summary>A callback for one call: a delegate passed directly for parameter <paramref name="parameter"/> of <paramref name="function"/>.</summary>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static NativeCallback CreateForCall(CallPlan plan, Delegate handler, string function, CParameter parameter) =>
        Create(plan, handler, function, parameter);

    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    private static NativeCallback Create(CallPlan plan, Delegate handler, string? function, CParameter? parameter)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var signature = plan.Signature;
        var parameters = handler.Method.GetParameters();
        if (parameters.Length != plan.Parameters.Count)
        {
            throw new NativeBindingException(NameOf(signature),
                [$"the delegate takes {parameters.Length} parameter(s) but the C callback '{signature}' takes {plan.Parameters.Count}."]);
        }

        if (CallbackRecords.Problems(plan, handler.Method) is { Count: > 0 } problems)
        {
            throw new NativeBindingException(NameOf(signature), [BindingErrors.DelegateMismatch(signature, handler.GetType(), problems)]);
        }

        var binding = new CallbackBinding(plan, handler, [.. parameters.Select(p => p.ParameterType)]);
        return new NativeCallback(signature, binding, new CallbackMisuse(signature.ToString(), function, parameter));
    }

    private static string NameOf(CFunctionSignature signature) => signature.Name.Length > 0 ? signature.Name : "callback";

    internal Exception? TakePendingException() => _binding.TakePending();

    /// <summary>
    /// Ends the callback. Native code must not call the pointer afterwards: if it does, the process stops with a
    /// message naming this callback (its thunk is kept, never freed, so the call cannot jump into freed code).
    /// Idempotent.
    /// </summary>
    public void Dispose()
    {
        End(_endedUse);
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeCallback({Signature})";

    private void End(CallbackMisuse misuse)
    {
        Volatile.Write(ref _pointer, 0);
        if (Interlocked.Exchange(ref _trampoline, null) is { } trampoline)
        {
            CallbackThunkPool.Return(trampoline, misuse);
        }
    }

    internal static MethodInfo DispatchMethod
    {
        [RequiresDynamicCode(CodeGeneration.Callbacks)]
        [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
        get => typeof(CallbackTrampoline).GetMethod(nameof(CallbackTrampoline.Dispatch), BindingFlags.Instance | BindingFlags.NonPublic)!;
    }
}
