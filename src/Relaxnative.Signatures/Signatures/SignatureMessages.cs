namespace Relaxnative.Signatures;

/// <summary>Every message text of the Signatures room, in one place.</summary>
internal static class SignatureMessages
{
    public const string CppMangled = "C++ function without extern \"C\": its symbol name is mangled. Wrap it in extern \"C\" { } to export it.";

    public static string ParseError(string declaration, int column, string token, string expected, string? hint)
    {
        var found = token.Length == 0 ? "the end of the declaration" : "'" + token + "'";
        var text = $"Cannot parse C declaration '{declaration}' at column {column}: expected {expected}, found {found}.";
        return hint is null ? text : text + " " + hint;
    }

    public static string BothSyncAndAsync(string name) =>
        $"'{name}' is annotated both @sync and @async; keep one.";

    public static string UnknownCost(string name, string value) =>
        $"'{name}' has an unknown @cost value '{value}'; use @cost low, @cost medium or @cost high.";

    public static string BadBounds(string name) =>
        $"'{name}' has a @bounds annotation that is not '@bounds(buffer, count)' with two parameter names; write it as '@bounds(buf, n)'.";

    public static string BadFrees(string name) =>
        $"'{name}' has a @frees annotation without a function name, or two naming different functions; write '@frees(free)' with the library's deallocator.";

    public static string ConflictingCost(string name) =>
        $"'{name}' has more than one @cost annotation with different values; keep one.";

    public static string RustAbi(string name) =>
        $"'{name}' is #[no_mangle] but uses the Rust ABI. Declare it 'pub extern \"C\" fn {name}(...)' to call it from .NET.";

    public static string RustGeneric(string name) =>
        $"'{name}' is generic; a generic function has no single exported symbol. Remove the type parameters.";

    public static string RustUnsupportedParameter(string name, string parameter) =>
        $"'{name}' has a parameter '{parameter}' that is not 'name: Type'; use a plain name and a C-compatible type.";

    public static string RustUnsupportedType(string name, string type) =>
        $"'{name}' uses the Rust type '{type}', which has no C equivalent. Use a C-compatible type (i32, u8, *const T, extern \"C\" fn).";

    public static string ModelDamaged(string detail) =>
        $"Cannot read the stored declaration model: {detail}. The cache entry or manifest is damaged; delete it (relaxnative cache clean) so it is rebuilt.";

    public static string ModelVersion(int found, int expected) =>
        $"Cannot read the stored declaration model: it has format version {found}, this version of Relaxnative reads version {expected}. Rebuild the entry (relaxnative cache clean).";

    public const string CppTemplate = "C++ template or using-declaration: it has no single C symbol. Export a non-template wrapper with extern \"C\".";

    public const string CppClass = "C++ class (or a struct with base classes): only C structs, unions and enums are read. Expose it to C through a pointer and extern \"C\" functions.";

    public const string OldStyleDefinition = "This is an old-style (K&R) parameter list whose types are declared apart; declare the function with a prototype, such as 'int f(int a, int b)'.";

    public const string ConstantEmpty = "the expression is empty";

    public const string ConstantTooDeep = "the expression nests too deeply";

    public const string ConstantDivisionByZero = "the expression divides by zero";

    public static string UnitParseError(string expected, string token, string? hint)
    {
        var found = token.Length == 0 ? "the end of the input" : "'" + token + "'";
        var text = $"Cannot parse this declaration: expected {expected}, found {found}.";
        return hint is null ? text : text + " " + hint;
    }

    public static string UnknownTypeName(string name) =>
        $"'{name}' is not a type declared before this point. After preprocessing every type is declared before use; check the include paths and defines that reach this file.";

    public static string UnsupportedTypeOperator(string keyword) =>
        $"'{keyword}' types are not supported; declare the type with a typedef of a plain C type.";

    public static string UnsupportedAttribute(string attribute) =>
        $"The attribute '{attribute}' makes a type this model cannot represent (vectors, transparent unions, 128-bit modes).";

    public static string MemberFunction(string name) =>
        $"'{name}' is a function inside a struct (a C++ member function); C structs hold data members and function pointers only.";

    public static string TooDeep(int limit) =>
        $"Blocks nest more than {limit} levels deep; the contents were skipped.";

    public static string FollowsUnknown(string name) =>
        $"its value depends on '{name}', whose value is unknown";

    public static string ConstantUnsupported(string text) =>
        $"'{text}' is not an integer constant expression this parser evaluates";

    public static string ConstantSizeOfExpression(string keyword) =>
        $"'{keyword}' of an expression needs the compiler";

    public static string ConstantSizeOfType(string keyword, string type) =>
        $"'{keyword}({type})' needs the compiler's layout";

    public static string ConstantLiteral(string text) =>
        $"'{text}' is not an integer literal";

    public static string ConstantName(string name) =>
        $"'{name}' is not an enumeration constant declared before this point";

    public static string ConstantCast(string type) =>
        $"a cast to '{type}' is not an integer conversion";
}
