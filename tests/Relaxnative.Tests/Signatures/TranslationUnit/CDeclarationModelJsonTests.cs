using System.Text;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>The stored form of a model: what a cache entry or prebuilt manifest carries instead of re-parsing.</summary>
public class CDeclarationModelJsonTests
{
    [Fact]
    public void Deserialize_SerializedGlibcAndFixtureModel_EqualsOriginal()
    {
        var text = Preprocessor.RealWorld("typedefs/tlib.c", "-D_GNU_SOURCE");
        var model = CTranslationUnitParser.Parse(text);

        var back = CDeclarationModelJson.Deserialize(CDeclarationModelJson.Serialize(model));

        Assert.Equal(model.Functions, back.Functions);
        Assert.Equal(model.Skipped, back.Skipped);
        Assert.Equal(model.Typedefs.Select(t => (t.Name, t.Type, t.Location, string.Join(",", t.ArrayBounds))),
            back.Typedefs.Select(t => (t.Name, t.Type, t.Location, string.Join(",", t.ArrayBounds))));
        Assert.Equal(model.Records.Select(r => (r.Key, r.Location, r.IsPacked, r.Members.Count)), back.Records.Select(r => (r.Key, r.Location, r.IsPacked, r.Members.Count)));
        Assert.Equal(model.Enums.SelectMany(e => e.Constants), back.Enums.SelectMany(e => e.Constants));
        Assert.True(back.TryGetFunction("tlib_crc32", out var crc));
        Assert.Equal("uLong (unsigned long)", crc.Signature.ReturnType.Description);
        Assert.Equal(ModelRenderer.Render(model), ModelRenderer.Render(back));
    }

    [Fact]
    public void Deserialize_DeepPointerChain_RoundTrips()
    {
        var model = CTranslationUnitParser.Parse("int " + new string('*', 3000) + "f(void);");

        var back = CDeclarationModelJson.Deserialize(CDeclarationModelJson.Serialize(model));

        Assert.Equal(3000, back.Functions[0].Signature.ReturnType.PointerDepth);
        Assert.Equal(model.Functions[0], back.Functions[0]);
    }

    [Fact]
    public void Deserialize_OtherVersion_ThrowsFormatExceptionNamingBothVersions()
    {
        var json = Encoding.UTF8.GetString(CDeclarationModelJson.Serialize(CDeclarationModel.Empty)).Replace("\"V\":" + CDeclarationModelJson.FormatVersion, "\"V\":99", StringComparison.Ordinal);

        var error = Assert.Throws<FormatException>(() => CDeclarationModelJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("version " + CDeclarationModelJson.FormatVersion, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"V\":2,\"T\":[{\"K\":14,\"P\":5}]}")]
    [InlineData("{\"V\":2,\"F\":[{\"Sig\":{\"R\":3}}]}")]
    [InlineData("[1,2")]
    [InlineData("null")]
    public void Deserialize_DamagedInput_ThrowsFormatException(string json)
    {
        var error = Assert.Throws<FormatException>(() => CDeclarationModelJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }
}
