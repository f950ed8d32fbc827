using System.Collections.Frozen;

namespace Relaxnative.Signatures;

/// <summary>The LP64 (Linux x64) meaning of C type names that are not keywords, and canonical spellings.</summary>
internal static class CTypeNames
{
    // The declaration parser's own (long double, _Complex, __int128) and the unit parser's built-in names: scalars the
    // type model keeps as Struct kind because nothing in .NET has their size and class.
    private static readonly FrozenSet<string> s_withoutEquivalent =
        new[] { "long double", "_Complex", "__int128", "unsigned __int128" }.Concat(UnitState.BuiltinTagsWithoutEquivalent).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="type"/> (after typedefs) is a C scalar with no .NET equivalent, such as <c>long double</c>
    /// or <c>__int128</c>, rather than a struct or union: it cannot pass by value whatever the module knows.
    /// </summary>
    internal static bool HasNoDotNetEquivalent(CType type) =>
        type.Resolved is { Kind: CTypeKind.Struct, TagName: { } tag } && s_withoutEquivalent.Contains(tag);

    private static readonly FrozenDictionary<string, CTypeKind> s_typedefs = new Dictionary<string, CTypeKind>(StringComparer.Ordinal)
    {
        ["int8_t"] = CTypeKind.Int8,
        ["uint8_t"] = CTypeKind.UInt8,
        ["int16_t"] = CTypeKind.Int16,
        ["uint16_t"] = CTypeKind.UInt16,
        ["int32_t"] = CTypeKind.Int32,
        ["uint32_t"] = CTypeKind.UInt32,
        ["int64_t"] = CTypeKind.Int64,
        ["uint64_t"] = CTypeKind.UInt64,
        ["intptr_t"] = CTypeKind.IntPtr,
        ["uintptr_t"] = CTypeKind.UIntPtr,
        ["size_t"] = CTypeKind.UIntPtr,
        ["ssize_t"] = CTypeKind.Int64,
        ["ptrdiff_t"] = CTypeKind.Int64,
        ["off_t"] = CTypeKind.Int64,
        ["intmax_t"] = CTypeKind.Int64,
        ["uintmax_t"] = CTypeKind.UInt64,
        ["time_t"] = CTypeKind.Int64,
        ["wchar_t"] = CTypeKind.Int32,
        ["char8_t"] = CTypeKind.UInt8,
        ["char16_t"] = CTypeKind.UInt16,
        ["char32_t"] = CTypeKind.UInt32,
        ["pid_t"] = CTypeKind.Int32,
        ["uid_t"] = CTypeKind.UInt32,
        ["gid_t"] = CTypeKind.UInt32,
        ["mode_t"] = CTypeKind.UInt32,
        ["socklen_t"] = CTypeKind.UInt32,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> s_keywords = new[]
    {
        "void", "_Bool", "bool", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
        "__signed", "__signed__", "__unsigned", "_Complex", "__complex__", "__int128",
        "struct", "union", "enum", "class", "const", "volatile", "restrict", "__restrict", "__restrict__",
        "__const", "__volatile__", "_Atomic", "extern", "static", "inline", "__inline", "__inline__",
        "register", "auto", "_Noreturn", "__extension__", "typedef", "__attribute__", "__attribute",
        "__declspec", "__asm__", "__asm", "asm", "__cdecl", "__stdcall", "__fastcall", "__thiscall",
        "__vectorcall", "_Thread_local", "thread_local", "constexpr", "virtual", "explicit", "noexcept",
        "template", "typename", "operator", "namespace", "using", "return", "if", "else", "while", "for",
        "do", "switch", "case", "sizeof", "goto", "break", "continue", "default",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Looks up a typedef name from the C and POSIX headers (<c>uint32_t</c>, <c>size_t</c>).</summary>
    public static bool TryGetTypedef(string name, out CTypeKind kind) => s_typedefs.TryGetValue(name, out kind);

    private static readonly FrozenSet<string> s_cppOnly = new[]
    {
        "class", "virtual", "explicit", "noexcept", "template", "typename", "operator", "namespace", "using",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a keyword of C (C++-only words such as <c>class</c> are C identifiers).</summary>
    public static bool IsCKeyword(string name) => s_keywords.Contains(name) && !s_cppOnly.Contains(name);

    /// <summary>Whether <paramref name="name"/> is a C/C++ keyword, so cannot be a type or parameter name.</summary>
    public static bool IsKeyword(string name) => s_keywords.Contains(name);

    /// <summary>Whether <paramref name="name"/> names a type on its own: a type keyword or a known typedef.</summary>
    public static bool IsKnownTypeName(string name) =>
        s_typedefs.ContainsKey(name) || name is "void" or "_Bool" or "bool" or "char" or "short" or "int" or "long"
            or "float" or "double" or "signed" or "unsigned" or "struct" or "union" or "enum";

    /// <summary>The spelling used when a scalar type is created without one.</summary>
    public static string CanonicalSpelling(CTypeKind kind) => kind switch
    {
        CTypeKind.Void => "void",
        CTypeKind.Bool => "bool",
        CTypeKind.Int8 => "int8_t",
        CTypeKind.UInt8 => "uint8_t",
        CTypeKind.Int16 => "int16_t",
        CTypeKind.UInt16 => "uint16_t",
        CTypeKind.Int32 => "int",
        CTypeKind.UInt32 => "uint32_t",
        CTypeKind.Int64 => "int64_t",
        CTypeKind.UInt64 => "uint64_t",
        CTypeKind.IntPtr => "intptr_t",
        CTypeKind.UIntPtr => "uintptr_t",
        CTypeKind.Float => "float",
        CTypeKind.Double => "double",
        _ => kind.ToString(),
    };

    /// <summary>Whether <paramref name="name"/> is written in capitals, digits and underscores with at least two letters (<c>EXPORT</c>, <c>RN_API</c>).</summary>
    public static bool IsAllCapsMacro(string name)
    {
        var letters = 0;
        foreach (var c in name)
        {
            if (c is >= 'A' and <= 'Z')
            {
                letters++;
            }
            else if (c is not ('_' or (>= '0' and <= '9')))
            {
                return false;
            }
        }

        return letters >= 2;
    }
}
