using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>
/// NativeModule.Layout against tests/native/records.h: every number must be what gcc itself computes for the record
/// (checked against offsetof/sizeof printed by a program built from the same header in <see cref="CompilerTruth"/>).
/// </summary>
public sealed class LayoutTests
{
    private static readonly Lazy<NativeModule> s_records = new(() => NativeFixtures.Load("records.c", IsolationMode.InProcess));

    private static NativeModule Records => s_records.Value;

    [Fact]
    public void Layout_EveryProbedNumber_MatchesTheCompilersOwnOffsetofAndSizeof()
    {
        foreach (var (name, path, offset, size) in CompilerTruth.Fields)
        {
            var layout = Records.Layout(name);
            if (path.Length == 0)
            {
                Assert.True(size == layout.Size, $"sizeof({name}): compiler {size}, layout {layout.Size}\n{layout}");
                Assert.True(offset == layout.Alignment, $"_Alignof({name}): compiler {offset}, layout {layout.Alignment}\n{layout}");
                continue;
            }

            Assert.True(offset == layout.OffsetOf(path), $"offsetof({name}, {path}): compiler {offset}, layout {layout.OffsetOf(path)}\n{layout}");
            Assert.True(size == layout.Field(path).Size, $"sizeof(({name}){path}): compiler {size}, layout {layout.Field(path).Size}\n{layout}");
        }
    }

    [Fact]
    public void Layout_Bitfields_GiveByteBitOffsetAndWidth()
    {
        var bits = Records.Layout("struct bits");

        Assert.Equal((0, 0, 3), Bits(bits.Field("a")));
        Assert.Equal((0, 3, 7), Bits(bits.Field("b")));
        // 'unsigned : 0' moves c to the next unsigned int.
        Assert.Equal((4, 0, 2), Bits(bits.Field("c")));
        Assert.Equal((4, 2, 1), Bits(bits.Field("flag")));
        Assert.Equal(8, bits.Field("tail").Offset);
        Assert.Equal(16, bits.Size);

        static (int, int?, int?) Bits(CField f) => (f.Offset, f.BitOffset, f.BitWidth);
    }

    [Fact]
    public void Layout_TypedefNamesAndTags_FindTheSameRecord()
    {
        Assert.Same(Records.Layout("struct point"), Records.Layout("point_t"));
        Assert.Equal("Vector2", Records.Layout("Vector2").Name);
        Assert.Equal(CTypeKind.Float, Records.Layout("Vector2").Field("y").Type.Kind);
    }

    [Fact]
    public void Layout_NestedAnonymousFlexibleAndArrays_AreDescribed()
    {
        var nested = Records.Layout("struct nested");
        Assert.Equal(4, nested.Field("p").Offset);
        Assert.Equal(8, nested.OffsetOf("p.y"));
        Assert.Equal(16, nested.OffsetOf("v.y"));
        Assert.Equal("Vector2", nested.Field("v").Layout!.Name);

        var anon = Records.Layout("struct anon");
        Assert.Equal(6, anon.Field("hi").Offset);
        Assert.Equal(4, anon.Field("whole").Offset);

        var flexible = Records.Layout("struct flexible").Field("values");
        Assert.True(flexible.IsFlexibleArray);
        Assert.Equal(8, flexible.Offset);
        Assert.Equal(8, flexible.ElementSize);

        var array = Records.Layout("struct with_array").Field("v");
        Assert.Equal((4, 12, 3), (array.Offset, array.Size, array.ArrayLength!.Value));

        Assert.True(Records.Layout("union number").IsUnion);
        Assert.All(Records.Layout("union number").Fields, f => Assert.Equal(0, f.Offset));
    }

    [Fact]
    public void Layout_UnknownName_ThrowsListingKnownRecords()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Records.Layout("struct nowhere"));

        Assert.Contains("struct nowhere", error.Message, StringComparison.Ordinal);
        Assert.Contains("struct point", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_FieldPathMissing_ThrowsListingFields()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => Records.Layout("struct point").Field("z"));

        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
        Assert.Contains("x, y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Layout_OpenWithHeader_MeasuresSystemRecords()
    {
        using var libc = Native.Open("libc.so.6", new OpenOptions { Headers = ["time.h", "stdlib.h"] });

        var timespec = libc.Layout("struct timespec");
        Assert.Equal(16, timespec.Size);
        Assert.Equal(8, timespec.Field("tv_nsec").Offset);
        Assert.Equal(8, libc.Layout("div_t").Size);
        Assert.Equal(4, libc.Layout("div_t").Field("rem").Offset);
    }

    [Fact]
    public void Layout_LibraryWithoutSources_ThrowsSayingHowToGetLayouts()
    {
        using var plain = Native.Open(NativeFixtures.Build("records.c"));

        var error = Assert.Throws<KeyNotFoundException>(() => plain.Layout("struct point"));

        Assert.Contains("Headers", error.Message, StringComparison.Ordinal);
    }
}
