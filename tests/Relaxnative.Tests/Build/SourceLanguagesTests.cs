using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class SourceLanguagesTests
{
    [Theory]
    [InlineData("k.c", SourceLanguage.C)]
    [InlineData("/a/K.C", SourceLanguage.C)]
    [InlineData("k.cpp", SourceLanguage.Cpp)]
    [InlineData("k.cc", SourceLanguage.Cpp)]
    [InlineData("k.cxx", SourceLanguage.Cpp)]
    [InlineData("lib.rs", SourceLanguage.Rust)]
    [InlineData("single_header.h", SourceLanguage.C)]
    [InlineData("single_header.hpp", SourceLanguage.Cpp)]
    public void FromPath_KnownExtension_ReturnsLanguage(string path, SourceLanguage expected) =>
        Assert.Equal(expected, SourceLanguages.FromPath(path));

    [Theory]
    [InlineData("libk.so")]
    [InlineData("k.inc")]
    [InlineData("k")]
    public void FromPath_UnknownExtension_ThrowsArgumentException(string path)
    {
        var error = Assert.Throws<ArgumentException>(() => SourceLanguages.FromPath(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.False(SourceLanguages.TryFromPath(path, out _));
    }
}
