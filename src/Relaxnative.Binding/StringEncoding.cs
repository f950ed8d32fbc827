namespace Relaxnative;

/// <summary>
/// How a <c>char*</c> argument or result holds its text (<see cref="BindOptions.StringEncoding"/>). Wide types need no
/// option: <c>char16_t*</c> is always UTF-16, <c>wchar_t*</c> and <c>char32_t*</c> are UTF-32 (Linux and macOS).
/// </summary>
public enum StringEncoding
{
    /// <summary>
    /// UTF-8, the default. Invalid byte sequences in a result become U+FFFD (the replacement character), as .NET's own
    /// UTF-8 decoding does: text is never refused, but damaged bytes are not visible. Use <see cref="Utf8Strict"/> to be
    /// told, or ask for the result as <see cref="NativePointer"/> (<c>Invoke&lt;NativePointer&gt;</c>) to read the bytes.
    /// </summary>
    Utf8,

    /// <summary>
    /// UTF-8, refusing invalid text: a result with invalid bytes throws <see cref="System.Text.DecoderFallbackException"/>
    /// naming the function, the address and the byte offset; a string argument with an unpaired surrogate is refused.
    /// </summary>
    Utf8Strict,

    /// <summary>ISO-8859-1: one byte per character, U+0000 to U+00FF. Arguments with characters above U+00FF are refused.</summary>
    Latin1,

    /// <summary>UTF-16 in native byte order, two bytes per code unit, ending in a two-byte NUL, though C declares <c>char*</c>.</summary>
    Utf16,
}
