using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeFunction
{
    /// <summary>
    /// A delegate that calls the function through an emitted stub: no allocation and no boxing per call for scalar
    /// arguments; arrays and spans are pinned, <see cref="NativeBuffer"/>s leased, strings copied (UTF-8) for the call.
    /// The delegate's parameter and return types must match the C signature (SPEC type table; pointers also accept
    /// <c>nint</c>, <c>NativeBuffer</c>, <c>NativePointer</c>, <c>T[]</c>, <c>Span&lt;T&gt;</c>). Made once per delegate type and cached.
    /// </summary>
    /// <remarks>
    /// For a variadic function the delegate's parameters after the fixed ones fix the types of the variadic tail
    /// (<c>Func&lt;string, int, double, int&gt;</c> for <c>int printf(const char*, ...)</c> passes an int and a double);
    /// float, bool, char and integers narrower than int are promoted as C does.
    /// <para>For a function in a helper process (<see cref="IsRemote"/>) the delegate is checked the same way and forwards each
    /// call to the helper (arguments boxed, as <see cref="Invoke"/> does); spans and callbacks cannot cross and are refused here.</para>
    /// </remarks>
    /// <exception cref="NativeBindingException">The delegate type does not match; every mismatch is listed.</exception>
    /// <exception cref="ObjectDisposedException">The library was closed (also thrown by the delegate if called afterwards).</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public TDelegate AsDelegate<TDelegate>() where TDelegate : Delegate
    {
        if (!IsRemote)
        {
            ThrowIfDisposed();
        }

        if (_variadicCalls is not null)
        {
            return VariadicCall(typeof(TDelegate)).AsDelegate<TDelegate>();
        }

        if (IsRemote)
        {
            // Nothing to call here: the delegate forwards each call to the helper process.
            return (TDelegate)LazyInitializer.EnsureInitialized(ref _typedStubs).GetOrAdd(typeof(TDelegate), static (type, function) => ForwardingStubs.Create(function, type), this);
        }

        return (TDelegate)LazyInitializer.EnsureInitialized(ref _typedStubs).GetOrAdd(typeof(TDelegate),
            static (type, function) =>
            {
                var target = new StubTarget(function._library!, function._address, function.Plan);
                function._library!.Track(target);
                return TrivialDelegates.TryCreate(function.Plan, type, target) ?? TypedStubEmitter.Emit(function.Plan, type, target);
            },
            this);
    }

    /// <summary>What a forwarding delegate of a remote function calls (<see cref="ForwardingStubs"/>): <see cref="Invoke"/>.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal void InvokeForwarded(object?[] args) => Invoke(args);

    /// <summary>As <see cref="InvokeForwarded(object?[])"/>, converting the result; a NULL pointer read as nint is 0, as in-process.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal T InvokeForwarded<T>(object?[] args) =>
        typeof(T) == typeof(nint) || typeof(T) == typeof(nuint)
            ? Invoke(args) is { } value ? ConvertResult<T>(value) : default!
            : Invoke<T>(args);
}
