using System.Text;

namespace Relaxnative.Signatures;

/// <summary>Writes types and declarations back as normalized C text.</summary>
internal static class CDeclarationFormatter
{
    /// <summary>
    /// Declares <paramref name="declarator"/> (a name, a name with a parameter list, or empty) with
    /// type <paramref name="type"/>: <c>const char* s</c>, <c>int (*cmp)(int, int)</c>.
    /// </summary>
    public static string Declare(CType type, string declarator)
    {
        // Pointer levels above a function pointer go inside its parentheses: int (**pp)(int).
        // The outermost level (the declared object itself) is written rightmost, next to the name.
        // A typedef'd level is written by its name and ends the walk (const Bytef*).
        var levels = new List<CType>();
        var inner = type;
        while (inner.Kind == CTypeKind.Pointer && inner.TypedefName is null)
        {
            levels.Add(inner);
            inner = inner.Pointee!;
        }

        if (inner.Kind == CTypeKind.FunctionPointer && inner.TypedefName is null)
        {
            var stars = new StringBuilder("*");
            if (inner.IsConst)
            {
                stars.Append(" const");
            }

            for (var i = levels.Count - 1; i >= 0; i--)
            {
                stars.Append('*');
                if (levels[i].IsConst)
                {
                    stars.Append(" const");
                }
            }

            if (declarator.Length > 0 && stars[^1] == 't')
            {
                stars.Append(' ');
            }

            var function = inner.Function!;
            var text = "(" + stars + declarator + ")";
            return Declare(function.ReturnType, text + "(" + ParameterList(function) + ")");
        }

        if (levels.Count == 0)
        {
            return declarator.Length == 0 ? type.Spelling : type.Spelling + " " + declarator;
        }

        var builder = new StringBuilder(inner.Spelling, inner.Spelling.Length + (levels.Count * 2) + declarator.Length + 1);
        for (var i = levels.Count - 1; i >= 0; i--)
        {
            builder.Append('*');
            if (levels[i].IsConst)
            {
                builder.Append(" const");
            }
        }

        if (declarator.Length > 0)
        {
            builder.Append(' ').Append(declarator);
        }

        return builder.ToString();
    }

    /// <summary>Writes the parameter list without parentheses: <c>void</c>, <c>int a, ...</c>, <c>...</c>.</summary>
    public static string ParameterList(CFunctionSignature signature)
    {
        if (signature.Parameters.Count == 0)
        {
            return signature.IsVariadic ? "..." : "void";
        }

        var text = string.Join(", ", signature.Parameters.Select(p => Declare(p.Type, p.Name ?? string.Empty)));
        return signature.IsVariadic ? text + ", ..." : text;
    }
}
