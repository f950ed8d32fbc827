using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Relaxnative.Binding;

/// <summary>Every message of the Binding room, in one place, with throw helpers that keep call paths small.</summary>
internal static class BindingErrors
{
    internal static string LibraryNotFound(string library, IReadOnlyList<(string Candidate, string Error)> attempts)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Cannot open native library '{library}'. Tried {attempts.Count} candidate(s):");
        foreach (var (candidate, error) in attempts)
        {
            text.AppendLine().Append("  ").Append(candidate).Append(": ").Append(error);
        }

        text.AppendLine().Append(
            "Pass a full path, or a name the dynamic loader can find (set LD_LIBRARY_PATH, or run 'ldconfig -p' to see " +
            "what is installed). Run with LD_DEBUG=libs to watch the loader search.");
        return text.ToString();
    }

    internal static string CannotBind(string function, IReadOnlyList<string> problems) =>
        problems.Count == 1
            ? $"Cannot bind '{function}': {problems[0]}"
            : $"Cannot bind '{function}': {problems.Count} problems:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));

    internal static string SymbolNotFound(string function, string libraryPath) =>
        $"The library '{libraryPath}' does not export a symbol named '{function}'. Check the spelling, that the " +
        "function is not 'static', and (C++) that it is declared extern \"C\". 'nm -D --defined-only <library>' lists the exports.";

    internal static string VariadicPlatform() =>
        string.Create(CultureInfo.InvariantCulture,
            $"it is variadic ('...'), and variadic calls are implemented for Linux on x86-64 and arm64 only; this process runs on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture}). ") +
        "Do not redeclare it with fixed arguments: the variadic calling convention can differ. Call it from a small C wrapper with a fixed signature, compiled into your module.";

    /// <summary>The one template for a variadic argument that has no C type: function, argument number, .NET type, accepted types.</summary>
    internal static string VariadicArgument(string function, int index, string given) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Argument {index + 1} of '{function}' matches '...', and {given} has no C type for a variadic argument. ") +
        "Pass int, uint, long, ulong, nint, nuint, double (float, bool, char and smaller integers are promoted to int or double, as C does), " +
        "string (const char*), a pointer (NativeBuffer, NativePointer, an unmanaged array or span, null) or a NativeCallback. " +
        "Convert the value, or pass a pointer to it in a NativeBuffer.";

    internal static string ThunkMemory(string call, int errno) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Cannot make the entry thunk for a variadic call: {call} failed with errno {errno} ({Marshal.GetPInvokeErrorMessage(errno)}). ") +
        "The system refuses executable memory to this process (an SELinux 'execmem' or similar policy, or the memory limit); " +
        "allow it for the process, or call the function from a small C wrapper with a fixed signature.";

    /// <summary>The one template for a pointer that cannot become a callable function: its address and why.</summary>
    internal static string FunctionPointer(nint address, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"Cannot call the function pointer 0x{address:x}: {problem}.");

    [DoesNotReturn]
    internal static void ThrowVariadicArgument(string function, int index, object? value) =>
        throw new ArgumentException(VariadicArgument(function, index, Describe(value)), $"arg{index + 1}");

    [DoesNotReturn]
    internal static void ThrowTooFewForVariadic(CFunctionSignature signature, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"'{signature.Name}' takes at least {signature.Parameters.Count} argument(s) before '...', got {actual}. Its C signature is '{signature}'."));

    internal static string StructByValue(CParameter? parameter, CType type, string? detail = null) =>
        (parameter is null ? "its return type" : $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}')") +
        $" is '{type.Spelling}' passed by value, " + (string.IsNullOrEmpty(detail)
            ? "and no definition of it is known here. Structs and unions pass by value when the module knows their definition: load the library from its sources (Native.Load) or open it with the header that defines the record (OpenOptions.Headers), then bind."
            : $"which cannot be passed: {detail}. Pass a pointer ('{type.Spelling}*') to a NativeBuffer holding it instead.");

    internal static string FreesNonPointer(CType result, string frees) =>
        $"it returns '{result.Spelling}', not a data pointer, so there is nothing for '{frees}' to free. Set BindOptions.Frees only for functions that return memory the caller must release.";

    internal static string FreeFunctionNotFound(string frees, string libraryPath) =>
        $"its result is to be freed with '{frees}', but neither '{libraryPath}' nor the libraries it depends on export a symbol of that name. " +
        "Name the library's own deallocator (for example 'free' for strdup, 'cJSON_Delete' for cJSON objects).";

    internal static string VoidParameter(CParameter parameter) =>
        $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') has type 'void'; only '(void)' alone means no parameters.";

    /// <summary>The one template for a bad argument: function, parameter index and name, C type, .NET type received.</summary>
    internal static string BadArgument(string function, CParameter parameter, string expected, object? value, string? detail = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Argument {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') of '{function}': expected {expected} (C '{parameter.Type.Description}'), got {Describe(value)}.") +
        (detail is null ? "" : " " + detail);

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string => "String",
        _ when value.GetType().IsPrimitive => string.Create(CultureInfo.InvariantCulture, $"{value.GetType().Name} {value}"),
        _ => value.GetType().Name,
    };

    [DoesNotReturn]
    internal static void ThrowBadArgument(string function, CParameter parameter, string expected, object? value, string? detail = null) =>
        throw new ArgumentException(BadArgument(function, parameter, expected, value, detail), parameter.Name ?? $"arg{parameter.Index + 1}");

    /// <summary>Throws when <paramref name="text"/>, passed for a C string, holds a NUL that C would stop at.</summary>
    internal static void ThrowIfEmbeddedNul(string function, CParameter parameter, string text)
    {
        int index = text.AsSpan().IndexOf('\0');
        if (index >= 0)
        {
            ThrowBadArgument(function, parameter, "a string without NUL characters", text, string.Create(CultureInfo.InvariantCulture,
                $"The string has an embedded NUL at index {index}; C would see only the first {index} character(s). ") +
                "Remove the NUL, or pass the bytes in a byte[] or NativeBuffer with the length in another argument.");
        }
    }

    /// <summary>Throws for a remote pointer (a handle into a helper process) passed to a function that runs here.</summary>
    [DoesNotReturn]
    internal static void ThrowRemotePointer(string function, CParameter parameter, NativePointer pointer) =>
        ThrowBadArgument(function, parameter, "a pointer valid in this process", pointer,
            $"The NativePointer is a handle into another process ({pointer.RemoteOrigin}); '{function}' runs in this " +
            "process, where that address means nothing. Pass it only to functions of the module that returned it, " +
            "or copy the data into a NativeBuffer there and pass that.");

    /// <summary>The one template for a buffer smaller than the count paired with it: both arguments, both sizes, and where the pairing comes from.</summary>
    [DoesNotReturn]
    internal static void ThrowBufferTooSmall(string function, CParameter buffer, long capacity, CParameter count, ulong elements, long elementBytes, string origin) =>
        throw new ArgumentOutOfRangeException(count.Name ?? $"arg{count.Index + 1}", elements, string.Create(CultureInfo.InvariantCulture,
            $"Argument {buffer.Index + 1} ('{buffer.Name ?? "unnamed"}') of '{function}' holds {capacity} bytes, but argument {count.Index + 1} ('{count.Name ?? "unnamed"}') " +
            $"asks for {elements} element(s) of {elementBytes} byte(s) ({(UInt128)elements * (ulong)elementBytes} bytes); the declaration pairs them ({origin}). ") +
            "The call was refused before it ran, as the native code would have read or written past the buffer. Pass a count the buffer holds, or a larger buffer.");

    internal static string UnknownBoundsParameter(string name, CFunctionSignature signature) =>
        $"a bounds pairing names parameter '{name}', which '{signature.Name}' does not have (its parameters: " +
        string.Join(", ", signature.Parameters.Select(p => p.Name ?? "unnamed")) + "). Name a pointer parameter and the integer parameter that counts its elements.";

    internal static string BoundsNotPointer(string buffer, string count) =>
        $"a bounds pairing of '{buffer}' with '{count}' needs '{buffer}' to be a data pointer and '{count}' an integer.";

    [DoesNotReturn]
    internal static void ThrowArgumentCount(CFunctionSignature signature, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"'{signature.Name}' takes {signature.Parameters.Count} argument(s), got {actual}. Its C signature is '{signature}'."));

    [DoesNotReturn]
    internal static void ThrowDisposed(string what) =>
        throw new ObjectDisposedException(what, $"{what} was disposed; its library is closed and its functions can no longer be called.");

    /// <summary>The fail-fast message for native code calling a callback after it ended.</summary>
    internal static string CallbackAfterEnd(CallbackMisuse? misuse)
    {
        const string Fix = "Create the callback with NativeCallback.Create(declaration, handler), pass the NativeCallback, and keep it " +
            "alive and undisposed for as long as the library may call it.";
        return misuse switch
        {
            null => "Native code called a Relaxnative callback after it ended. " + Fix,
            { Function: { } function, Parameter: { } parameter } =>
                $"Native code called the callback '{misuse.Callback}' after the call it was passed to had returned: it was a " +
                $"delegate passed directly as argument {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') of '{function}', " +
                "which is valid only during that call, and the library kept the pointer. The process cannot continue safely. " + Fix,
            { Collected: true } =>
                $"Native code called NativeCallback '{misuse.Callback}' after it was garbage-collected without Dispose. " + Fix,
            _ => $"Native code called NativeCallback '{misuse.Callback}' after it was disposed. " + Fix,
        };
    }

    internal static string CallbackRecordsNeedModule(CFunctionSignature signature) =>
        $"the callback '{signature}' takes or returns a struct or union by value, and no definition of it is known here. " +
        "Create the callback with module.CreateCallback(declaration, handler) on the module whose sources or headers define the record, " +
        "or pass a delegate directly to a function of that module.";

    /// <summary>A callback handler returned something that does not hold its C record.</summary>
    internal static string CallbackRecordResult(string callback, CLayout layout, object? result) =>
        $"The callback '{callback}' returned {Describe(result)}, but C expects '{layout.Name}' ({layout.Size} bytes) by value. " +
        $"Return a C# struct laid out as '{layout.Name}', a NativeStruct of it, or a byte[] of exactly {layout.Size} bytes.";

    internal static string DelegateMismatch(CFunctionSignature signature, Type delegateType, IReadOnlyList<string> problems) =>
        $"Delegate type {delegateType.Name} does not match '{signature}': " + string.Join(" ", problems);
}
