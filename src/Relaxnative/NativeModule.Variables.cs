using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative;

public sealed partial class NativeModule
{
    /// <summary>
    /// Finds a variable the library exports, typed and sized from its declaration: one the module's sources or headers
    /// declare (<c>extern int counter;</c>) when given its name, or the declaration itself when the module knows none
    /// (<c>GetVariable("extern int counter")</c>, <c>GetVariable("const double table[8]")</c>).
    /// </summary>
    /// <param name="nameOrDeclaration">The variable's C name, or a C declaration of it.</param>
    /// <returns>The variable; reads and writes are checked against its C type and element count.</returns>
    /// <exception cref="KeyNotFoundException">The name is not a variable the module's sources or headers declare; the message
    /// lists those that are, and says how to give the declaration.</exception>
    /// <exception cref="CParseException">The declaration does not parse, or declares no variable.</exception>
    /// <exception cref="NativeBindingException">The library does not export the symbol.</exception>
    /// <exception cref="InvalidOperationException">The module runs its library in a helper process (<see cref="IsolationMode.Process"/>),
    /// whose variables have no address in this process.</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public NativeVariable GetVariable(string nameOrDeclaration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDeclaration);
        var declaration = FindVariable(nameOrDeclaration.Trim());
        if (_process is not null)
        {
            throw new InvalidOperationException(
                $"Cannot read variable '{declaration.Name}' of '{LibraryPath}': the module uses IsolationMode.Process, so the library " +
                "lives in the helper process and its variables have no address here. Load the module with IsolationMode.Worker or " +
                "InProcess to use variables, or export a small C function that returns or sets the value.");
        }

        if (_library!.IsDisposed)
        {
            BindingErrors.ThrowDisposed($"The library '{LibraryPath}'");
        }

        nint address = _library.TryGetExport(declaration.SymbolName);
        if (address == 0)
        {
            throw new NativeBindingException(declaration.Name, [BindingErrors.SymbolNotFound(declaration.SymbolName, LibraryPath)]);
        }

        return new NativeVariable(_library, declaration.Name, declaration.Type, declaration.ElementCount, address);
    }

    private CVariableDeclaration FindVariable(string text)
    {
        var model = _declarations;
        if (IsIdentifier(text))
        {
            if (model is not null && model.TryGetVariable(text, out var known))
            {
                return known;
            }

            var declared = model?.Variables.Where(v => v.Storage != CStorageClass.Static).Select(v => v.Name).Distinct().ToArray() ?? [];
            throw new KeyNotFoundException(
                $"No variable '{text}' is declared in the sources or headers of '{LibraryPath}'. " +
                (declared.Length == 0 ? "The module knows no variable declarations. " : "Declared: " + string.Join(", ", declared) + ". ") +
                $"Pass the declaration instead, as the header writes it: GetVariable(\"extern int {text}\").");
        }

        var parsed = CTranslationUnitParser.Parse(text.EndsWith(';') ? text : text + ";");
        if (parsed.Variables.Count != 1)
        {
            var reason = parsed.Skipped.Count > 0 ? parsed.Skipped[0].Reason
                : parsed.Functions.Count > 0 ? "it declares a function; bind functions with Bind."
                : $"it declares {parsed.Variables.Count} variables.";
            throw new CParseException(text, 1, text, "the declaration of one variable",
                $"{reason} Write it as C declares it, for example 'extern int counter' or 'const double table[8]'.");
        }

        return parsed.Variables[0];
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_');
}
