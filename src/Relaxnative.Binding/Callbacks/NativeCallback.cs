using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
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
    private readonly CallbackTrampoline _trampoline;
    private Delegate? _abiDelegate;
    private nint _pointer;

    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    private NativeCallback(CFunctionSignature signature, CallbackTrampoline trampoline, Delegate abiDelegate)
    {
        Signature = signature;
        _trampoline = trampoline;
        _abiDelegate = abiDelegate;
        _pointer = Marshal.GetFunctionPointerForDelegate(abiDelegate);
    }

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

    /// <summary>The last exception the delegate threw while called from native code, if any.</summary>
    public Exception? LastException => _trampoline.LastException;

    /// <summary>
    /// Creates a callback from the C declaration of the function type, e.g. <c>int compare(const void* a, const void* b)</c>.
    /// The delegate's parameters may use the C types' .NET equivalents, and <see cref="nint"/> or
    /// <see cref="NativePointer"/> for pointers.
    /// </summary>
    /// <exception cref="CParseException">The declaration does not parse.</exception>
    /// <exception cref="NativeBindingException">The signature cannot be used, or the delegate's parameter count differs.</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    public static NativeCallback Create(string declaration, Delegate handler) =>
        Create(CDeclarationParser.Parse(declaration), handler);

    /// <summary>Creates a callback for <paramref name="signature"/>.</summary>
    /// <exception cref="NativeBindingException">The signature cannot be used, or the delegate's parameter count differs.</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    public static NativeCallback Create(CFunctionSignature signature, Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(handler);
        var plan = CallPlanner.Create(signature);
        var parameters = handler.Method.GetParameters();
        if (parameters.Length != plan.Parameters.Count)
        {
            throw new NativeBindingException(signature.Name.Length > 0 ? signature.Name : "callback",
                [$"the delegate takes {parameters.Length} parameter(s) but the C callback '{signature}' takes {plan.Parameters.Count}."]);
        }

        var trampoline = new CallbackTrampoline(plan, handler, [.. parameters.Select(p => p.ParameterType)]);
        return new NativeCallback(signature, trampoline, CallbackEmitter.CreateAbiDelegate(plan, trampoline));
    }

    internal Exception? TakePendingException() => _trampoline.TakePending();

    /// <summary>
    /// Releases the thunk. Native code must not call the pointer afterwards. Idempotent.
    /// </summary>
    public void Dispose()
    {
        Volatile.Write(ref _pointer, 0);
        _abiDelegate = null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"NativeCallback({Signature})";

    internal static MethodInfo DispatchMethod
    {
        [RequiresDynamicCode(CodeGeneration.Callbacks)]
        [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
        get => typeof(CallbackTrampoline).GetMethod(nameof(CallbackTrampoline.Dispatch), BindingFlags.Instance | BindingFlags.NonPublic)!;
    }
}
