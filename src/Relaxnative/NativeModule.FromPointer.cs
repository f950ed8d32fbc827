using System.Diagnostics.CodeAnalysis;
using Relaxnative.Binding;

namespace Relaxnative;

public sealed partial class NativeModule
{
    /// <summary>
    /// Makes a function pointer that this module's functions returned callable (a <c>dlsym</c>/<c>GetProcAddress</c>-style
    /// lookup, a vtable entry, a callback registry): <paramref name="declaration"/> is a function pointer type
    /// (<c>"int (*)(int, int)"</c>), a typedef name of one that the module's sources or headers declare
    /// (<c>"binop_fn"</c>), or a declaration with a name (<c>"int add(int a, int b)"</c>). Typed and untyped calls work as
    /// for a bound function, variadic ones included. The function belongs to the module: after <see cref="Dispose"/>
    /// its calls throw <see cref="ObjectDisposedException"/>. In process isolation the pointer is a remote one
    /// (<see cref="NativePointer.IsRemote"/>) and every call runs in the helper that returned it. The function is not
    /// added to <see cref="Functions"/>.
    /// </summary>
    /// <param name="pointer">The function's address, as a call of this module returned it.</param>
    /// <param name="declaration">What it points to.</param>
    /// <param name="options">As for <see cref="Bind(string, BindOptions?)"/>.</param>
    /// <returns>The callable function.</returns>
    /// <exception cref="ArgumentNullException">The pointer is null (a C function that returned NULL gives a null pointer).</exception>
    /// <exception cref="ArgumentException">The pointer is not executable memory; in process isolation, not a pointer
    /// of this module's current helper (a local address, another module's, or one from before the helper restarted);
    /// in-process, a remote pointer; or Async in an <see cref="IsolationMode.InProcess"/> module.</exception>
    /// <exception cref="CParseException"><paramref name="declaration"/> is neither a function pointer type nor a declaration.</exception>
    /// <exception cref="NativeBindingException">The signature has unsupported parts (all listed).</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public NativeFunction FromPointer(NativePointer pointer, string declaration, BindOptions? options = null)
    {
        NativeFunction.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(declaration);
        return FromPointer(pointer, FunctionPointerDeclaration.Parse(declaration, _declarations), options);
    }

    /// <summary>
    /// As <see cref="FromPointer(NativePointer, string, BindOptions?)"/>, with the signature given directly: for a function
    /// whose C return type is a function pointer, <c>getter.Signature.ReturnType.Function</c>.
    /// </summary>
    /// <exception cref="ArgumentException">As for the declaration form.</exception>
    /// <exception cref="NativeBindingException">The signature has unsupported parts (all listed).</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public NativeFunction FromPointer(NativePointer pointer, CFunctionSignature signature, BindOptions? options = null)
    {
        NativeFunction.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(signature);
        options ??= BindOptions.Default;
        RequireRunnableMode(signature.Name.Length > 0 ? signature.Name : "the function pointer", options);
        if (_process is not null)
        {
            return _process.CreateFunctionAt(pointer, signature, options, _layouts);
        }

        var dispatcher = Isolation == IsolationMode.Worker && options.Mode == ExecutionMode.Async ? s_workers.Value : null;
        return NativeFunction.FromPointer(_library!, pointer, signature, options, dispatcher, _layouts);
    }
}
