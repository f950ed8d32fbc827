using Relaxnative.Signatures;

namespace Relaxnative.Binding;

/// <summary>
/// Reads what a function pointer points to from the text a user writes for it: a function pointer type
/// (<c>int (*)(int, int)</c>), a typedef name of one the module declares (<c>binop_fn</c>), or a declaration with a
/// name (<c>int add(int a, int b)</c>).
/// </summary>
internal static class FunctionPointerDeclaration
{
    // A parameter of a made-up function: C reads a type there exactly as in a cast or a typedef.
    private const string Holder = "void relaxnative_holder(";

    /// <summary>The signature of the function the pointer points to; its name is empty for a pointer type.</summary>
    /// <exception cref="CParseException">The text is neither a declaration nor a function pointer type.</exception>
    public static CFunctionSignature Parse(string text, CDeclarationModel? scope)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim().TrimEnd(';').Trim();
        bool isType = trimmed.Contains("(*", StringComparison.Ordinal) || IsIdentifier(trimmed);
        if (!isType)
        {
            return scope is null ? CDeclarationParser.Parse(trimmed) : CDeclarationParser.Parse(trimmed, scope);
        }

        CType type;
        try
        {
            string holder = Holder + trimmed + ")";
            var parsed = scope is null ? CDeclarationParser.Parse(holder) : CDeclarationParser.Parse(holder, scope);
            type = parsed.Parameters.Count == 1 ? parsed.Parameters[0].Type : CType.Scalar(CTypeKind.Void);
        }
        catch (CParseException e)
        {
            // A declaration whose declarator holds '(*', such as a function returning a function pointer.
            try
            {
                return scope is null ? CDeclarationParser.Parse(trimmed) : CDeclarationParser.Parse(trimmed, scope);
            }
            catch (CParseException)
            {
                throw NotAFunctionPointer(trimmed, e.Expected);
            }
        }

        if (IsIdentifier(trimmed) && type.TypedefName is null)
        {
            throw NotAFunctionPointer(trimmed, scope is null
                ? "typedef names are known only to a module: use module.FromPointer, or write the type out"
                : "no typedef of that name is declared in the module's sources or headers");
        }

        if (type.Kind != CTypeKind.FunctionPointer || type.Function is not { } function)
        {
            throw NotAFunctionPointer(trimmed, $"it names '{type.Spelling}', which is not a function pointer");
        }

        return function with { Name = "" };
    }

    private static CParseException NotAFunctionPointer(string text, string expected) =>
        new(text, 1, text, "a function pointer type or declaration (" + expected + ")",
            "Write a function pointer type such as 'int (*)(int, int)', a typedef name of one, or a declaration such as 'int add(int a, int b)'.");

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
