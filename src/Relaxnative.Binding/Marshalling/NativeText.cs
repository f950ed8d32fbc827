using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Relaxnative.Binding;

/// <summary>
/// Strings in the encodings C declares beyond UTF-8: wide types (<c>char16_t*</c>, <c>wchar_t*</c>, <c>char32_t*</c>) and
/// <c>char*</c> with an explicit <see cref="StringEncoding"/>. Decides the <see cref="TextForm"/> of a plan, encodes
/// arguments (NUL-terminated, in native memory the call frees) and decodes results. Thread-safe.
/// </summary>
internal static unsafe class NativeText
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly UTF32Encoding s_utf32 = new(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false, throwOnInvalidCharacters: true);
    // Results are decoded leniently (a bad code point becomes U+FFFD); arguments are encoded strictly (a lone surrogate is refused).
    private static readonly UTF32Encoding s_utf32Results = new(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false);
    private static readonly UnicodeEncoding s_utf16 = new(bigEndian: !BitConverter.IsLittleEndian, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>The plan with the text form of every parameter and of the result set, for <paramref name="encoding"/> of <c>char*</c>.</summary>
    public static CallPlan Apply(CallPlan plan, StringEncoding encoding)
    {
        bool changed = false;
        var parameters = new ValuePlan[plan.Parameters.Count];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = WithForm(plan.Parameters[i], encoding, ref changed);
        }

        var result = WithForm(plan.Return, encoding, ref changed);
        return changed ? plan with { Parameters = parameters, Return = result } : plan;
    }

    private static ValuePlan WithForm(ValuePlan value, StringEncoding encoding, ref bool changed)
    {
        var form = FormOf(value, encoding);
        if (form == value.Text)
        {
            return value;
        }

        changed = true;
        return value with { Text = form };
    }

    private static TextForm FormOf(ValuePlan value, StringEncoding encoding)
    {
        if (value.Kind == ValueKind.CharPointer)
        {
            return encoding switch
            {
                StringEncoding.Utf8Strict => TextForm.Utf8Strict,
                StringEncoding.Latin1 => TextForm.Latin1,
                StringEncoding.Utf16 => TextForm.Utf16,
                _ => TextForm.None,
            };
        }

        if (value.Kind != ValueKind.Pointer || value.Type.Pointee is not { } pointee)
        {
            return TextForm.None;
        }

        // wchar_t is 4 bytes of UTF-32 on Linux and macOS (2 bytes of UTF-16 on Windows, which this build does not target).
        return IsNamed(pointee, "char16_t") ? TextForm.Utf16
            : IsNamed(pointee, "wchar_t") || IsNamed(pointee, "char32_t") ? TextForm.Utf32
            : TextForm.None;
    }

    /// <summary>
    /// <paramref name="signature"/> with every typedef name resolved except the wide character types, which stay spelled
    /// <c>wchar_t</c>, <c>char16_t</c> or <c>char32_t</c>: what a process that knows none of the module's typedefs parses
    /// back into the same text conversions.
    /// </summary>
    public static CFunctionSignature ResolvedKeepingWideNames(CFunctionSignature signature)
    {
        var resolved = signature.Resolved;
        var parameters = resolved.Parameters.Select((p, i) => p with { Type = KeepWide(signature.Parameters[i].Type, p.Type) }).ToArray();
        return resolved with { ReturnType = KeepWide(signature.ReturnType, resolved.ReturnType), Parameters = parameters };
    }

    private static CType KeepWide(CType written, CType resolved)
    {
        if (written.Kind != CTypeKind.Pointer || written.Pointee is not { } pointee)
        {
            return resolved;
        }

        string? name = IsNamed(pointee, "char16_t") ? "char16_t" : IsNamed(pointee, "wchar_t") ? "wchar_t" : IsNamed(pointee, "char32_t") ? "char32_t" : null;
        return name is null ? resolved : CType.PointerTo(CType.Scalar(resolved.Pointee!.Kind, name, pointee.IsConst), resolved.IsConst);
    }

    /// <summary>Whether <paramref name="type"/> was written as <paramref name="name"/>, directly or through a chain of typedefs.</summary>
    private static bool IsNamed(CType type, string name)
    {
        for (var t = type; t is not null; t = t.Underlying)
        {
            var spelling = t.TypedefName ?? (t.IsConst && t.Spelling.StartsWith("const ", StringComparison.Ordinal) ? t.Spelling[6..] : t.Spelling);
            if (spelling == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a .NET string may be passed for <paramref name="plan"/>: a const pointer to text in a known encoding.</summary>
    public static bool AcceptsString(ValuePlan plan) =>
        plan.Type.IsCString || (plan.Text is TextForm.Utf16 or TextForm.Utf32 && plan.Type.Pointee is { IsConst: true });

    /// <summary>Whether a result of <paramref name="plan"/> is returned as a string.</summary>
    public static bool ReturnsString(ValuePlan plan) => plan.Kind == ValueKind.CharPointer || plan.Text != TextForm.None;

    /// <summary>
    /// How many bytes <see cref="EncodeInto"/> writes for <paramref name="text"/>, terminator included; checks the text first,
    /// so encoding into memory of this size cannot fail.
    /// </summary>
    /// <exception cref="ArgumentException">An embedded NUL, a character outside Latin-1, or (strict UTF-8) an unpaired surrogate.</exception>
    public static int EncodedLength(string function, ValuePlan plan, string text)
    {
        BindingErrors.ThrowIfEmbeddedNul(function, plan.Parameter!, text);
        if (plan.Text == TextForm.Latin1 && text.AsSpan().IndexOfAnyExceptInRange('\0', '\u00FF') is var wide and >= 0)
        {
            BindingErrors.ThrowBadArgument(function, plan.Parameter!, "a string of Latin-1 characters (U+0000 to U+00FF)", text,
                string.Create(CultureInfo.InvariantCulture, $"The character at index {wide} is U+{(int)text[wide]:X4}, which Latin-1 cannot hold. ") +
                "Bind with StringEncoding.Utf8 if the library reads UTF-8, or replace the character.");
        }

        var (encoding, unitBytes) = EncodingOf(plan);
        try
        {
            return checked(encoding.GetByteCount(text) + unitBytes);
        }
        catch (EncoderFallbackException e)
        {
            BindingErrors.ThrowBadArgument(function, plan.Parameter!, "a string of complete characters", text,
                string.Create(CultureInfo.InvariantCulture, $"The character at index {e.Index} is an unpaired surrogate (U+{(int)e.CharUnknown:X4}), which is not text in any Unicode encoding. ") +
                "Fix the string, or pass the bytes in a byte[] or NativeBuffer.");
            return 0;
        }
    }

    /// <summary>
    /// Encodes text that <see cref="EncodedLength"/> accepted straight into <paramref name="destination"/> (exactly that many
    /// bytes), terminator included: no intermediate array between the string and native or shared memory.
    /// </summary>
    public static void EncodeInto(ValuePlan plan, string text, Span<byte> destination)
    {
        var (encoding, unitBytes) = EncodingOf(plan);
        int written = encoding.GetBytes(text, destination);
        destination.Slice(written, unitBytes).Clear();
    }

    /// <summary>A native copy of the encoded argument, freed when <paramref name="scope"/> ends.</summary>
    internal static nint ToNative(string function, ValuePlan plan, string text, ref CallScope scope)
    {
        nint memory = Allocate(function, plan, text);
        scope.AddNativeTemp(memory);
        return memory;
    }

    /// <summary>A native copy of the encoded argument, allocated with <see cref="NativeMemory.Alloc(nuint)"/>; the caller frees it.</summary>
    internal static nint Allocate(string function, ValuePlan plan, string text)
    {
        int length = EncodedLength(function, plan, text);
        var memory = NativeMemory.Alloc((nuint)length);
        EncodeInto(plan, text, new Span<byte>(memory, length));
        return (nint)memory;
    }

    private static (Encoding Encoding, int UnitBytes) EncodingOf(ValuePlan plan) => plan.Text switch
    {
        TextForm.Latin1 => (Encoding.Latin1, 1),
        TextForm.Utf16 => (s_utf16, 2),
        TextForm.Utf32 => (s_utf32, 4),
        _ => (s_strictUtf8, 1),
    };

    /// <summary>The string at <paramref name="address"/> in the form of <paramref name="plan"/>; null for NULL.</summary>
    /// <exception cref="DecoderFallbackException">Strict UTF-8 and the bytes are not UTF-8; the message names the function, address and byte offset.</exception>
    public static string? Decode(ValuePlan plan, nint address, string function)
    {
        if (address == 0)
        {
            return null;
        }

        switch (plan.Text)
        {
            case TextForm.Utf16:
                return new string((char*)address);
            case TextForm.Utf32:
            {
                int length = 0;
                while (((uint*)address)[length] != 0)
                {
                    length++;
                }

                return s_utf32Results.GetString((byte*)address, length * 4);
            }

            case TextForm.Latin1:
                return Encoding.Latin1.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)address));
            case TextForm.Utf8Strict:
            {
                var bytes = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)address);
                try
                {
                    return s_strictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException e)
                {
                    throw new DecoderFallbackException(string.Create(CultureInfo.InvariantCulture,
                        $"'{function}' returned C '{plan.Type.Spelling}' at 0x{address:x} whose bytes are not UTF-8: byte offset {e.Index} of {bytes.Length} " +
                        $"starts an invalid sequence ({Convert.ToHexString(e.BytesUnknown ?? [])}). The binding uses StringEncoding.Utf8Strict. ") +
                        "Read the result as NativePointer (Invoke<NativePointer>) to get the bytes, or bind with the encoding the library uses (StringEncoding.Latin1).",
                        e.BytesUnknown, e.Index);
                }
            }

            default:
                return StubHelpers.ToCString(address);
        }
    }
}
