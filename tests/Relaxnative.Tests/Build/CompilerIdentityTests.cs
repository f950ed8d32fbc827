using Relaxnative.Build;

namespace Relaxnative.Tests.Build;

public sealed class CompilerIdentityTests
{
    [Fact]
    public void FromMacros_Gcc_NamesGccAndItsVersion()
    {
        const string macros = "#define __STDC__ 1\n#define __GNUC__ 12\n#define __GNUC_MINOR__ 2\n#define __GNUC_PATCHLEVEL__ 0\n";
        Assert.Equal("gcc 12.2.0", CompilerIdentity.FromMacros(macros));
    }

    [Fact]
    public void FromMacros_ClangAlsoDefiningGnuc_NamesClang()
    {
        const string macros = "#define __GNUC__ 4\n#define __GNUC_MINOR__ 2\n#define __GNUC_PATCHLEVEL__ 1\n" +
            "#define __clang__ 1\n#define __clang_major__ 16\n#define __clang_minor__ 0\n#define __clang_patchlevel__ 6\n";
        Assert.Equal("clang 16.0.6", CompilerIdentity.FromMacros(macros));
    }

    [Fact]
    public void FromMacros_UnknownCompiler_ReturnsNull() => Assert.Null(CompilerIdentity.FromMacros("#define __TINYC__ 927\n"));

    [Fact]
    public void Describe_InstalledCCompiler_NamesFamilyAndVersion()
    {
        var toolchain = NativeBuilder.GetToolchainReport()[SourceLanguage.C].Chosen;
        Assert.NotNull(toolchain);
        Assert.Matches(@"^(gcc|clang|apple-clang) \d+\.\d+\.\d+$", CompilerIdentity.Describe(toolchain));
    }
}
