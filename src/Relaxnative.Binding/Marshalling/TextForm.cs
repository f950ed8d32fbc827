namespace Relaxnative.Binding;

/// <summary>How a pointer parameter or result converts to and from a .NET string; <see cref="None"/> for the plain UTF-8 <c>char*</c> path or no text.</summary>
internal enum TextForm : byte
{
    /// <summary>Not text beyond the default: <c>char*</c> is UTF-8 with replacement, other pointers are pointers.</summary>
    None,

    /// <summary>UTF-8, refusing invalid text.</summary>
    Utf8Strict,

    /// <summary>ISO-8859-1 bytes.</summary>
    Latin1,

    /// <summary>UTF-16 code units (<c>char16_t</c>, or <c>char*</c> with <see cref="StringEncoding.Utf16"/>).</summary>
    Utf16,

    /// <summary>UTF-32 code units (<c>wchar_t</c> on Linux, <c>char32_t</c>).</summary>
    Utf32,
}
