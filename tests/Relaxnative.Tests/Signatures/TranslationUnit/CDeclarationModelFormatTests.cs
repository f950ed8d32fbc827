using Relaxnative.Signatures;

namespace Relaxnative.Tests.Signatures.TranslationUnit;

/// <summary>The stored form of a model: what a cache entry or prebuilt manifest carries instead of re-parsing.</summary>
public class CDeclarationModelFormatTests
{
    [Fact]
    public void Deserialize_SerializedGlibcAndFixtureModel_EqualsOriginal()
    {
        var text = Preprocessor.RealWorld("typedefs/tlib.c", "-D_GNU_SOURCE") + "\nextern int tlib_counter;\nconst char tlib_name[8] = \"tlib\";\n";
        var model = CTranslationUnitParser.Parse(text);

        var back = CDeclarationModelFormat.Deserialize(CDeclarationModelFormat.Serialize(model));

        Assert.Equal(model.Functions, back.Functions);
        Assert.Contains(model.Functions, f => f.Bounds.Count > 0); // glibc's access attributes, kept
        Assert.Contains(model.Variables, v => v.Name == "tlib_name" && v.ArrayBounds.SequenceEqual([8L]));
        Assert.Equal(model.Variables.Select(v => (v.Name, v.Type, string.Join(",", v.ArrayBounds), v.Storage, v.IsDefinition, v.AsmLabel, v.Location)),
            back.Variables.Select(v => (v.Name, v.Type, string.Join(",", v.ArrayBounds), v.Storage, v.IsDefinition, v.AsmLabel, v.Location)));
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

        var back = CDeclarationModelFormat.Deserialize(CDeclarationModelFormat.Serialize(model));

        Assert.Equal(3000, back.Functions[0].Signature.ReturnType.PointerDepth);
        Assert.Equal(model.Functions[0], back.Functions[0]);
    }

    [Fact]
    public void Deserialize_OtherVersion_ThrowsFormatExceptionNamingBothVersions()
    {
        var bytes = CDeclarationModelFormat.Serialize(CDeclarationModel.Empty);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), 99);

        var error = Assert.Throws<FormatException>(() => CDeclarationModelFormat.Deserialize(bytes));

        Assert.Contains("version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("version " + CDeclarationModelFormat.FormatVersion, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EveryTruncationOfARealModel_ThrowsFormatException()
    {
        var bytes = CDeclarationModelFormat.Serialize(CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c")));

        for (var length = 0; length < bytes.Length; length += Math.Max(1, bytes.Length / 400))
        {
            var error = Assert.Throws<FormatException>(() => CDeclarationModelFormat.Deserialize(bytes.AsSpan(0, length)));
            Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Deserialize_EveryByteFlippedInARealModel_ThrowsFormatExceptionOrReadsAModel()
    {
        var bytes = CDeclarationModelFormat.Serialize(CTranslationUnitParser.Parse(Preprocessor.RealWorld("typedefs/tlib.c")));

        // Damage may still decode (a flipped character in a name); it must never escape as another exception or a crash.
        for (var i = 8; i < bytes.Length; i += Math.Max(1, bytes.Length / 600))
        {
            var damaged = bytes.ToArray();
            damaged[i] ^= 0xA5;
            try
            {
                CDeclarationModelFormat.Deserialize(damaged);
            }
            catch (FormatException error)
            {
                Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'R', (byte)'N', (byte)'C', (byte)'M' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'V', (byte)'"', (byte)':', (byte)'1', (byte)'}', 0 })]
    public void Deserialize_NotAModel_ThrowsFormatException(byte[] bytes)
    {
        var error = Assert.Throws<FormatException>(() => CDeclarationModelFormat.Deserialize(bytes));

        Assert.Contains("damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_TypeReferringForward_ThrowsFormatException()
    {
        // One string, no files, one type: a pointer (tag 2) to type 5, which is not before it.
        byte[] bytes = [.. "RNCM"u8, .. BitConverter.GetBytes(CDeclarationModelFormat.FormatVersion), 0, 0, 1, 2, 5, 0];

        var error = Assert.Throws<FormatException>(() => CDeclarationModelFormat.Deserialize(bytes));

        Assert.Contains("index 5 is outside a table of 0", error.Message, StringComparison.Ordinal);
    }
}
