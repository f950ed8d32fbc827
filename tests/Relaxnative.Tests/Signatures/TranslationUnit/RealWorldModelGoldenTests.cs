using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>
/// Preprocesses each tests/native/realworld fixture with the real compiler, parses it, and compares the model of the
/// fixture's own files with the reviewed golden file in Golden/realworld. Set RELAXNATIVE_UPDATE_GOLDEN=1 to rewrite the
/// expected files, then review the diff.
/// </summary>
public class RealWorldModelGoldenTests
{
    public static TheoryData<string, string, string> Inputs() => new()
    {
        { "export_macro", "export_macro/mylib.c", string.Empty },
        { "typedefs", "typedefs/tlib.c", string.Empty },
        { "single_header_impl", "single_header/impl.c", string.Empty },
        { "single_header_h", "single_header/shlib.h", "-DSHLIB_IMPLEMENTATION" },
        { "cpp_linkage", "cpp_linkage/mesh.cpp", string.Empty },
        { "parenthesized", "parenthesized/plua.c", string.Empty },
        { "empty_macros", "empty_macros/zmini.c", string.Empty },
        { "split_params", "split_params/split.c", string.Empty },
        { "split_params_wide", "split_params/split.c", "-DSPLIT_WIDE" },
        { "multi_file_counter", "multi_file/counter.c", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Parse_RealWorldFixture_MatchesGolden(string name, string source, string flags)
    {
        var arguments = flags.Length == 0 ? [] : flags.Split(' ');
        if (source.EndsWith(".h", StringComparison.Ordinal))
        {
            arguments = [.. arguments, "-x", "c"];
        }

        var text = Preprocessor.RealWorld(source, arguments);
        var options = source.EndsWith(".cpp", StringComparison.Ordinal) ? CParseOptions.Cpp : CParseOptions.C;

        var actual = ModelRenderer.Render(CTranslationUnitParser.Parse(text, options));

        var expectedPath = Path.Combine(GoldenDirectory(), name + ".model.txt");
        if (Environment.GetEnvironmentVariable("RELAXNATIVE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
        }

        Assert.True(File.Exists(expectedPath), "Missing golden file " + expectedPath + "; run with RELAXNATIVE_UPDATE_GOLDEN=1 and review it.");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings(), actual.ReplaceLineEndings());
    }

    private static string GoldenDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "..", "Golden", "realworld");
}
