using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>Annotations read from the original source at the lines the model gives for definitions.</summary>
public class SourceAnnotationsTests
{
    [Fact]
    public void Read_DefinitionLinesFromModel_FindsEachFunctionsOwnComments()
    {
        var model = CTranslationUnitParser.Parse(Preprocessor.RealWorld("export_macro/mylib.c"));
        var source = File.ReadAllText(Path.Combine(Preprocessor.RealWorldDirectory, "export_macro", "mylib.c"));
        var sites = model.Functions.Where(f => f.IsDefinition && f.Location.File == "export_macro/mylib.c")
            .Select(f => KeyValuePair.Create(f.Location.Line, f.Name));

        var annotations = SourceAnnotations.Read(source, sites);

        Assert.Equal(NativeCost.Low, annotations["mylib_scale"].Cost);
        Assert.Equal(ExecutionMode.Async, annotations["mylib_count_chars"].Mode);
        Assert.Same(FunctionAnnotations.None, annotations["mylib_add"]);
        Assert.Same(FunctionAnnotations.None, annotations["mylib_item_new"]); // @cost low above mylib_scale does not bleed.
    }

    [Fact]
    public void Read_SameLineAndTrailingComments_BelongToTheRightFunction()
    {
        const string source = """
            int a(void) { return 1; } /* @async */
            int b(void) { return 2; }
            /* @sync */ int c(void) { return 3; }
            // @cost high
            // @trivial

            int d(void) { return 4; }
            // @sync
            // @async
            int e(void) { return 5; }
            /* @cost enormous */
            int f(void) { return 6; }
            """;

        var annotations = SourceAnnotations.Read(source, [KeyValuePair.Create(1, "a"), KeyValuePair.Create(2, "b"),
            KeyValuePair.Create(3, "c"), KeyValuePair.Create(7, "d"), KeyValuePair.Create(10, "e"), KeyValuePair.Create(12, "f"), KeyValuePair.Create(99, "g")]);

        Assert.Null(annotations["a"].Mode);
        Assert.Null(annotations["b"].Mode); // The trailing comment on line 1 belongs to a.
        Assert.Equal(ExecutionMode.Sync, annotations["c"].Mode);
        Assert.Same(FunctionAnnotations.None, annotations["d"]); // A blank line separates the block.
        Assert.Contains("both @sync and @async", annotations["e"].Problem, StringComparison.Ordinal);
        Assert.Contains("'enormous'", annotations["f"].Problem, StringComparison.Ordinal);
        Assert.False(annotations.ContainsKey("g"));
    }
}
