using System.Text;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class WideStringTests
{
    private const string Greeting = "Gr\u00fc\u00dfe, \u4e16\u754c \U0001F30D";

    private delegate nuint CountWide(string text);

    private delegate string? Text();

    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Worker)]
    [InlineData(IsolationMode.Process)]
    public void Invoke_WideTypes_TakeAndReturnStrings(IsolationMode isolation)
    {
        using var module = NativeFixtures.Load("wide.c", isolation);
        // wchar_t is UTF-32: the globe is one unit; char16_t is UTF-16: the note is a surrogate pair.
        Assert.Equal((nuint)11, module["w_count"].Invoke(Greeting));
        Assert.Equal(Greeting, module["w_greeting"].Invoke());
        Assert.Equal((nuint)8, module["u16_units"].Invoke("\u03a9mega \U0001F3B5"));
        Assert.Equal("\u03a9mega \U0001F3B5", module["u16_title"].Invoke());
        Assert.Equal(0x1F642u, module["u32_first"].Invoke("\U0001F642"));
        Assert.Equal("\U0001F642x", module["u32_smile"].Invoke());
        Assert.Equal((nuint)0, module["w_count"].Invoke(""));
    }

    [Fact]
    public void AsDelegate_WideTypes_TakeAndReturnStrings()
    {
        using var module = NativeFixtures.Load("wide.c", IsolationMode.InProcess);
        Assert.Equal((nuint)11, module["w_count"].AsDelegate<CountWide>()(Greeting));
        Assert.Equal((nuint)8, module["u16_units"].AsDelegate<CountWide>()("\u03a9mega \U0001F3B5"));
        Assert.Equal(Greeting, module["w_greeting"].AsDelegate<Text>()());
        Assert.Equal("\U0001F642x", module["u32_smile"].AsDelegate<Text>()());
    }

    [Fact]
    public void Invoke_LibcWcslen_CountsUtf32Units()
    {
        using var libc = Native.Open("libc.so.6");
        var wcslen = libc.Bind("size_t wcslen(const wchar_t* s)");
        Assert.Equal((nuint)7, wcslen.Invoke("Gr\u00fc\u00dfe \U0001F30D"));
        // mbstowcs writes wchar_t units into a caller's buffer: an int[] stands for wchar_t*.
        var mbstowcs = libc.Bind("size_t mbstowcs(wchar_t* dst, const char* src, size_t n)");
        var units = new int[8];
        Assert.Equal((nuint)3, mbstowcs.Invoke(units, "abc", (nuint)units.Length));
        Assert.Equal(['a', 'b', 'c', 0], units[..4]);
    }

    [Fact]
    public void Invoke_WideStringWithNul_ThrowsNamingTheIndex()
    {
        using var module = NativeFixtures.Load("wide.c", IsolationMode.InProcess);
        var e = Assert.Throws<ArgumentException>(() => module["w_count"].Invoke("ab\0c"));
        Assert.Contains("index 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("'w_count'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_UnpairedSurrogate_IsRefusedForUtf32AndUtf16()
    {
        using var module = NativeFixtures.Load("wide.c", IsolationMode.InProcess);
        var e = Assert.Throws<ArgumentException>(() => module["w_count"].Invoke("a\ud800b"));
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("U+D800", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => module["u16_units"].Invoke("\udc00"));
    }

    [Fact]
    public void Invoke_Latin1Encoding_ReadsAndWritesOneBytePerCharacter()
    {
        using var module = NativeFixtures.Open("wide.c");
        var options = new BindOptions { StringEncoding = StringEncoding.Latin1 };
        Assert.Equal("Jos\u00e9", module.Bind("const char* latin1_name(void)", options).Invoke());
        var check = module.Bind("int latin1_is_e_acute(const char* s)", options);
        Assert.Equal(StringEncoding.Latin1, check.StringEncoding);
        Assert.Equal(1, check.Invoke("Jos\u00e9"));

        var e = Assert.Throws<ArgumentException>(() => check.Invoke("Jos\u20ac"));
        Assert.Contains("index 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("U+20AC", e.Message, StringComparison.Ordinal);
        // The default reads the same byte as invalid UTF-8.
        Assert.Equal("Jos\uFFFD", module.Bind("const char* latin1_name(void)").Invoke());
    }

    [Fact]
    public void Invoke_Utf16Encoding_PassesUtf16ThroughCharPointer()
    {
        using var module = NativeFixtures.Open("wide.c");
        var count = module.Bind("size_t utf16_in_bytes(const char* s)", new BindOptions { StringEncoding = StringEncoding.Utf16 });
        Assert.Equal((nuint)8, count.Invoke("\u03a9mega \U0001F3B5"));
    }

    [Fact]
    public void Invoke_InvalidUtf8_DefaultReplacesStrictThrowsPointerFallbackKeepsBytes()
    {
        using var module = NativeFixtures.Open("wide.c");
        Assert.Equal("ab\uFFFDcd", module.Bind("const char* broken_utf8(void)").Invoke());

        var strict = module.Bind("const char* broken_utf8(void)", new BindOptions { StringEncoding = StringEncoding.Utf8Strict });
        var e = Assert.Throws<DecoderFallbackException>(() => strict.Invoke());
        Assert.Equal(2, e.Index);
        Assert.Equal([0xFF], e.BytesUnknown);
        Assert.Contains("'broken_utf8'", e.Message, StringComparison.Ordinal);
        Assert.Contains("byte offset 2 of 5", e.Message, StringComparison.Ordinal);
        Assert.Contains("Invoke<NativePointer>", e.Message, StringComparison.Ordinal);
        Assert.Throws<DecoderFallbackException>(() => strict.Invoke<string>());

        var pointer = strict.Invoke<NativePointer>();
        Assert.Equal(0xFF, pointer.Read<byte>(2));
        Assert.Throws<DecoderFallbackException>(() => strict.AsDelegate<Text>()());
    }

    [Fact]
    public void Invoke_StrictUtf8Argument_RefusesUnpairedSurrogate()
    {
        using var libc = Native.Open("libc.so.6");
        var strlen = libc.Bind("size_t strlen(const char* s)", new BindOptions { StringEncoding = StringEncoding.Utf8Strict });
        Assert.Equal((nuint)2, strlen.Invoke("\u00e9"));
        var e = Assert.Throws<ArgumentException>(() => strlen.Invoke("x\udbff"));
        Assert.Contains("index 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_NonUtf8EncodingInProcessIsolation_ThrowsNotSupported()
    {
        using var module = NativeFixtures.Load("wide.c", IsolationMode.Process);
        var e = Assert.Throws<NotSupportedException>(() =>
            module.Bind("const char* latin1_name(void)", new BindOptions { StringEncoding = StringEncoding.Latin1 }));
        Assert.Contains("StringEncoding.Latin1", e.Message, StringComparison.Ordinal);
        Assert.Contains("IsolationMode.Worker", e.Message, StringComparison.Ordinal);
    }
}
