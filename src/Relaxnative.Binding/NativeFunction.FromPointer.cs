using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

// Functions made from a function pointer C handed back (dlsym, GetProcAddress-style lookups, vtables).
public sealed partial class NativeFunction
{
    /// <summary>
    /// For a function made from a remote pointer (process isolation): the pointer, whose address the helper calls and
    /// whose origin must still be the module's current helper. Null otherwise.
    /// </summary>
    internal NativePointer? RemoteTarget { get; private init; }

    /// <summary>
    /// Makes the function <paramref name="pointer"/> points to callable, with the signature <paramref name="declaration"/>
    /// gives: a function pointer type (<c>"int (*)(int, int)"</c>) or a declaration (<c>"int add(int a, int b)"</c>,
    /// whose name then appears in messages). Typed (<see cref="AsDelegate{TDelegate}"/>) and untyped calls work as for a
    /// bound function, variadic ones included. This form ties the function to no module: the library holding the code
    /// must stay loaded while it is called. Prefer <c>NativeModule.FromPointer</c> for pointers a module's functions
    /// returned: its functions stop working (<see cref="ObjectDisposedException"/>) when the module is disposed, and in
    /// process isolation they are called in the helper.
    /// </summary>
    /// <param name="pointer">The function's address in this process (from a call's result, <c>dlsym</c>, a vtable entry).</param>
    /// <param name="declaration">What it points to.</param>
    /// <param name="options">Trivial, errno capture and cost; <see cref="BindOptions.Mode"/> must be Sync (there are no workers without a module).</param>
    /// <returns>A function; thread-safe like any other.</returns>
    /// <exception cref="ArgumentNullException">An argument is null (a C function that returned NULL gives a null pointer).</exception>
    /// <exception cref="ArgumentException">The pointer is remote (from a helper process), or not in executable memory;
    /// or <paramref name="options"/> asks for Async.</exception>
    /// <exception cref="CParseException"><paramref name="declaration"/> is neither a function pointer type nor a declaration.</exception>
    /// <exception cref="NativeBindingException">The signature has unsupported parts (all listed).</exception>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    public static NativeFunction FromPointer(NativePointer pointer, string declaration, BindOptions? options = null)
    {
        ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(declaration);
        options ??= BindOptions.Default;
        if (options.Mode == ExecutionMode.Async)
        {
            throw new ArgumentException(
                "NativeFunction.FromPointer makes functions that run on the caller; ExecutionMode.Async needs a module's workers. " +
                "Use module.FromPointer(pointer, declaration, options) on the module that returned the pointer.", nameof(options));
        }

        return FromPointer(NativeLibraryHandle.Process, pointer, FunctionPointerDeclaration.Parse(declaration, scope: null), options, dispatcher: null);
    }

    /// <summary>A function at a local pointer, tied to <paramref name="library"/> (calls throw once it is closed).</summary>
    internal static NativeFunction FromPointer(NativeLibraryHandle library, NativePointer pointer, CFunctionSignature signature, BindOptions options,
        INativeDispatcher? dispatcher, CLayoutTable? layouts = null)
    {
        if (library.IsDisposed)
        {
            BindingErrors.ThrowDisposed($"The library '{library.Path}'");
        }

        nint address = CheckedAddress(pointer);

        signature = Named(signature, address);
        ThrowIfUnsupported(signature, layouts);
        return new NativeFunction(library, address, signature, options.Mode, options.Cost, options.Trivial, dispatcher, options.CaptureErrno,
            layouts: layouts);
    }

    /// <summary>A function at a remote pointer: every call runs in the helper that returned it (<paramref name="dispatcher"/>).</summary>
    internal static NativeFunction FromRemotePointer(NativePointer pointer, CFunctionSignature signature, BindOptions options, INativeDispatcher dispatcher,
        CLayoutTable? layouts = null)
    {
        signature = Named(signature, pointer.DangerousGetAddress());
        ThrowIfUnsupported(signature, layouts);
        return new NativeFunction(signature, options.Mode, options.Cost, options.Trivial, dispatcher, options.CaptureErrno, layouts: layouts)
        {
            RemoteTarget = pointer,
        };
    }

    /// <summary>Throws for a null pointer, saying where one comes from: a C function that returned NULL.</summary>
    internal static void ThrowIfNull([NotNull] NativePointer? pointer)
    {
        if (pointer is null)
        {
            throw new ArgumentNullException(nameof(pointer), BindingErrors.FunctionPointer(0,
                "it is null, which is how a C function's NULL result arrives (C APIs return NULL for a name they do not know: check the name, and the result before using it)"));
        }
    }

    private static nint CheckedAddress(NativePointer pointer)
    {
        if (pointer.IsRemote)
        {
            throw new ArgumentException(BindingErrors.FunctionPointer(pointer.DangerousGetAddress(),
                $"it is a handle into another process ({pointer.RemoteOrigin}). Make it callable with FromPointer of the module that returned it, which calls it there"),
                nameof(pointer));
        }

        nint address = pointer.DangerousGetAddress();
        string? problem = address == 0
            ? "it is NULL (C APIs return NULL for a name they do not know: check the name, and the result before using it)"
            : ExecutableMemory.Problem(address);
        if (problem is not null)
        {
            throw new ArgumentException(BindingErrors.FunctionPointer(address, problem), nameof(pointer));
        }

        return address;
    }

    // The helper parses the declaration again, so an unnamed pointer type gets a name that is a C identifier.
    private static CFunctionSignature Named(CFunctionSignature signature, nint address) =>
        signature.Name.Length > 0 ? signature : signature with { Name = string.Create(CultureInfo.InvariantCulture, $"fn_0x{address:x}") };

    private static void ThrowIfUnsupported(CFunctionSignature signature, CLayoutTable? layouts)
    {
        if (CallPlanner.FindProblems(signature, layouts) is { Count: > 0 } problems)
        {
            throw new NativeBindingException(signature.Name, problems);
        }
    }
}
