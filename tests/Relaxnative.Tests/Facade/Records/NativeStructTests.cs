using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Facade.Records;

/// <summary>NativeStruct: field access by name over native memory, tied to the buffer's lifetime, and the layout check of As&lt;T&gt;.</summary>
public sealed class NativeStructTests
{
    private static readonly Lazy<NativeModule> s_records = new(() => NativeFixtures.Load("records.c", IsolationMode.InProcess));

    private static NativeModule Records => s_records.Value;

    [Fact]
    public void Over_FieldsWrittenByName_AreWhereTheCStructHasThem()
    {
        using var buffer = Native.Alloc(64);
        var nested = NativeStruct.Over(buffer, Records.Layout("struct nested"), offset: 8);

        nested["tag"] = 7;
        nested.Set("p.y", 42);
        nested["v.x"] = 1.5f;

        Assert.Equal(7, buffer.Read<sbyte>(8));
        Assert.Equal(42, buffer.Read<int>(8 + 8));
        Assert.Equal(1.5f, buffer.Read<float>(8 + 12));
        Assert.Equal(42, nested.Get<int>("p.y"));
        Assert.Equal(42, buffer.AsRef<Nested>(8).P.Y);
        Assert.Equal(42, nested.As<Nested>().P.Y);
        Assert.Equal("struct nested { tag = 7, p = struct point { x = 0, y = 42 }, v = Vector2 { x = 1.5, y = 0 } }", nested.ToString());
    }

    [Fact]
    public void Bitfields_ReadAndWrite_OnlyTheirBits()
    {
        var bits = NativeStruct.Create(Records.Layout("struct bits"));

        bits["b"] = -5;
        bits["a"] = 6;
        bits["c"] = 3;

        Assert.Equal(-5, bits["b"]);
        Assert.Equal(6u, bits["a"]);
        Assert.Equal((byte)3, bits["c"]);
        var raw = bits.ToArray();
        Assert.Equal(6 | ((-5 & 0x7f) << 3), raw[0] | (raw[1] << 8));
        Assert.Equal(3, raw[4]);
    }

    [Fact]
    public void Over_FreedBuffer_ThrowsUseAfterFree()
    {
        var buffer = Native.Alloc(8);
        var point = NativeStruct.Over(buffer, Records.Layout("struct point"));
        buffer.Free();

        Assert.Throws<UseAfterFreeException>(() => point["x"]);
    }

    [Fact]
    public void Over_BufferTooSmall_ThrowsWithOffsetAndSize()
    {
        using var buffer = Native.Alloc(12);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => NativeStruct.Over(buffer, Records.Layout("struct point"), offset: 8));

        Assert.Contains("12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_TypeOfAnotherSize_ThrowsNamingBoth()
    {
        var point = NativeStruct.Create(Records.Layout("struct point"));

        var error = Assert.Throws<ArgumentException>(() => point.Get<long>("x"));

        Assert.Contains("'int' (4 bytes), but Int64 is 8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void As_WrongStruct_ThrowsWithBothLayouts()
    {
        var point = NativeStruct.Create(Records.Layout("struct point"));

        var error = Assert.Throws<NativeLayoutMismatchException>(() => point.As<PointWithFloatY>());

        Assert.Equal("struct point", error.RecordName);
        Assert.Contains("+4 float32 Y", error.Message, StringComparison.Ordinal);
    }
}
