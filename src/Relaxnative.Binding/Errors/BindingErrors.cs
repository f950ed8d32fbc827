using System.Diagnostics.CodeAnalysis;
using System.Globalization;
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

    internal static string Variadic(CParameter? last) =>
        "it is variadic ('...'): the arguments after the fixed ones have no declared type, so they cannot be converted safely. " +
        "Declare a fixed-argument prototype for the call you need, e.g. 'int printf(const char* fmt, int value)'.";

    internal static string StructByValue(CParameter? parameter, CType type) =>
        (parameter is null ? "its return type" : $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}')") +
        $" is '{type.Spelling}' passed by value; structs by value are not supported. Pass a pointer ('{type.Spelling}*') " +
        "to a NativeBuffer holding the struct instead.";

    internal static string VoidParameter(CParameter parameter) =>
        $"parameter {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') has type 'void'; only '(void)' alone means no parameters.";

    /// <summary>The one template for a bad argument: function, parameter index and name, C type, .NET type received.</summary>
    internal static string BadArgument(string function, CParameter parameter, string expected, object? value, string? detail = null) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Argument {parameter.Index + 1} ('{parameter.Name ?? "unnamed"}') of '{function}': expected {expected} (C '{parameter.Type.Spelling}'), got {Describe(value)}.") +
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

    [DoesNotReturn]
    internal static void ThrowArgumentCount(CFunctionSignature signature, int actual) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"'{signature.Name}' takes {signature.Parameters.Count} argument(s), got {actual}. Its C signature is '{signature}'."));

    [DoesNotReturn]
    internal static void ThrowDisposed(string what) =>
        throw new ObjectDisposedException(what, $"{what} was disposed; its library is closed and its functions can no longer be called.");

    internal static string DelegateMismatch(CFunctionSignature signature, Type delegateType, IReadOnlyList<string> problems) =>
        $"Delegate type {delegateType.Name} does not match '{signature}': " + string.Join(" ", problems);
}
