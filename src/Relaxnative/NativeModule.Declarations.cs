using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

public sealed partial class NativeModule
{
    private CDeclarationModel? _declarations;

    /// <summary>
    /// Gets how many C-callable functions the library exports (from its dynamic symbol table), when the module was made
    /// from sources or headers; 0 otherwise. Every one of them is in <see cref="Functions"/> or <see cref="Skipped"/>.
    /// </summary>
    internal int ExportedCount { get; private set; }

    /// <summary>Gets the declarations the module learned from its sources or headers, or <see langword="null"/>.</summary>
    internal CDeclarationModel? Declarations => _declarations;

    internal void SetDeclarations(CDeclarationModel? model, int exportedCount, CLayoutTable? layouts = null)
    {
        _declarations = model;
        _layouts = layouts ?? (model is null ? null : CLayoutTable.None(model, null));
        ExportedCount = exportedCount;
    }

    /// <summary>
    /// Parses a declaration string with the module's typedef names in scope, and refuses one that contradicts what the
    /// sources or headers declare (the commonest FFI crash is a wrong prototype).
    /// </summary>
    private CFunctionSignature ParseAgainstKnown(string declaration, out string symbol)
    {
        var model = _declarations;
        if (model is null)
        {
            var plain = CDeclarationParser.Parse(declaration);
            symbol = plain.Name;
            return plain;
        }

        var signature = CDeclarationParser.Parse(declaration, model);
        symbol = signature.Name;
        if (model.TryGetFunction(signature.Name, out var known))
        {
            symbol = known.SymbolName;
            if (!CTypeResolution.SameSignature(signature, known.Signature))
            {
                throw new NativeBindingException(signature.Name, [Disagreement(signature, known)]);
            }
        }

        return signature;
    }

    private static string Disagreement(CFunctionSignature given, CFunctionDeclaration known)
    {
        var differences = new List<string>();
        if (given.Parameters.Count != known.Signature.Parameters.Count)
        {
            differences.Add($"{given.Parameters.Count} parameter(s) given, {known.Signature.Parameters.Count} declared");
        }

        if (given.IsVariadic != known.Signature.IsVariadic)
        {
            differences.Add(known.Signature.IsVariadic ? "the declaration is variadic (...), the prototype is not" : "the prototype is variadic (...), the declaration is not");
        }

        if (!CTypeResolution.SameType(given.ReturnType, known.Signature.ReturnType))
        {
            differences.Add($"return type {given.ReturnType.Description} given, {known.Signature.ReturnType.Description} declared");
        }

        for (var i = 0; i < Math.Min(given.Parameters.Count, known.Signature.Parameters.Count); i++)
        {
            var (a, b) = (given.Parameters[i].Type, known.Signature.Parameters[i].Type);
            if (!CTypeResolution.SameType(a, b))
            {
                differences.Add($"parameter {i + 1} is {a.Description} given, {b.Description} declared");
            }
        }

        return $"The prototype disagrees with the declaration the module knows ({string.Join("; ", differences)}).{Environment.NewLine}" +
            $"  given:    {given}{Environment.NewLine}" +
            $"  declared: {known.Signature}   at {known.Location}{Environment.NewLine}" +
            "Calling through a wrong prototype corrupts arguments or the stack. Fix the prototype to match the header, or leave the function to the module (it is bound from the header already).";
    }
}
