using Relaxnative.Binding;
using Relaxnative.Isolation.Wire;

namespace Relaxnative.Tests.Isolation;

public sealed class WireProtocolTests
{
    private static FrameReader RoundTrip(FrameWriter writer, FrameType expected)
    {
        using var pipe = new MemoryStream();
        writer.Send(pipe);
        pipe.Position = 0;
        var reader = new FrameReader();
        Assert.True(reader.TryRead(pipe));
        Assert.Equal(expected, reader.Type);
        return reader;
    }

    [Fact]
    public void Hello_RoundTrips()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteHello(writer, 4242);
        Assert.Equal(4242, WireProtocol.ReadHello(RoundTrip(writer, FrameType.Hello)));
    }

    [Fact]
    public void MapAndUnmapRegion_RoundTrip()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteMapRegion(writer, 3, 1L << 33, "/proc/1/fd/7");
        Assert.Equal((3, 1L << 33, "/proc/1/fd/7"), WireProtocol.ReadMapRegion(RoundTrip(writer, FrameType.MapRegion)));

        WireProtocol.WriteUnmapRegion(writer, 3);
        Assert.Equal(3, WireProtocol.ReadUnmapRegion(RoundTrip(writer, FrameType.UnmapRegion)));
    }

    [Fact]
    public void LoadAndDefine_RoundTrip()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteLoad(writer, "/tmp/libé.so");
        Assert.Equal("/tmp/libé.so", WireProtocol.ReadLoad(RoundTrip(writer, FrameType.Load)));

        WireProtocol.WriteDefine(writer, 12, true, "int add(int a, int b)");
        var add = WireProtocol.ReadDefine(RoundTrip(writer, FrameType.Define));
        Assert.Equal((12, true, "int add(int a, int b)", -1, (nint)0), (add.FunctionId, add.IsTrivial, add.Declaration, add.VariadicFrom, add.Address));
        Assert.Empty(add.Records);
        WireProtocol.WriteDefine(writer, 13, false, "int printf(const char* format, double)", variadicFrom: 1, address: 0x7f00);
        var printf = WireProtocol.ReadDefine(RoundTrip(writer, FrameType.Define));
        Assert.Equal((13, false, "int printf(const char* format, double)", 1, (nint)0x7f00),
            (printf.FunctionId, printf.IsTrivial, printf.Declaration, printf.VariadicFrom, printf.Address));
    }

    [Fact]
    public void Define_WithRecordShapes_RoundTripsEveryLeaf()
    {
        var writer = new FrameWriter();
        RecordShape[] shapes =
        [
            new(0, 16, 8, [new RecordLeaf(0, 4, true, "f"), new RecordLeaf(4, 4, false, "i"), new RecordLeaf(8, 8, true, "d")]),
            new(RecordShape.Return, 7, 1, [new RecordLeaf(0, 1, false, "c"), new RecordLeaf(1, 4, false, "i"), new RecordLeaf(5, 2, false, "s")]),
        ];

        WireProtocol.WriteDefine(writer, 4, false, "struct relaxnative_record_result f(struct relaxnative_record_0 m)", records: shapes);
        var read = WireProtocol.ReadDefine(RoundTrip(writer, FrameType.Define)).Records;

        Assert.Equal(2, read.Length);
        Assert.Equal((0, 16, 8), (read[0].Position, read[0].Size, read[0].Alignment));
        Assert.Equal(shapes[0].Leaves.Select(l => (l.Offset, l.Size, l.IsFloat)), read[0].Leaves.Select(l => (l.Offset, l.Size, l.IsFloat)));
        Assert.Equal((-1, 7, 1), (read[1].Position, read[1].Size, read[1].Alignment));
        Assert.Equal(shapes[1].Leaves.Select(l => (l.Offset, l.Size, l.IsFloat)), read[1].Leaves.Select(l => (l.Offset, l.Size, l.IsFloat)));
    }

    [Fact]
    public void Call_RoundTripsSlotsAndFixups()
    {
        var writer = new FrameWriter();
        ulong[] slots = [1, ulong.MaxValue, 0x7f00_0000_1234];
        Fixup[] fixups = [Fixup.ForSlot(0, 1, 64), new Fixup(1, 128, 2, 4096)];
        WireProtocol.WriteCall(writer, 99, 5, slots, fixups);

        var readSlots = new List<ulong>();
        var readFixups = new List<Fixup>();
        var (callId, functionId) = WireProtocol.ReadCall(RoundTrip(writer, FrameType.Call), readSlots, readFixups);

        Assert.Equal(99, callId);
        Assert.Equal(5, functionId);
        Assert.Equal(slots, readSlots);
        Assert.Equal(fixups, readFixups);
        Assert.True(readFixups[0].TargetsSlot);
        Assert.False(readFixups[1].TargetsSlot);
    }

    [Fact]
    public void Result_RoundTripsStatusSlotAndText()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteResult(writer, 7, ResultStatus.Ok, 0xDEADBEEF, null);
        Assert.Equal((7, ResultStatus.Ok, 0xDEADBEEFUL, (string?)null, 0), WireProtocol.ReadResult(RoundTrip(writer, FrameType.Result)));
        WireProtocol.WriteResult(writer, 9, ResultStatus.Ok, ulong.MaxValue, null, errno: 2);
        Assert.Equal((9, ResultStatus.Ok, ulong.MaxValue, (string?)null, 2), WireProtocol.ReadResult(RoundTrip(writer, FrameType.Result)));

        WireProtocol.WriteResult(writer, 8, ResultStatus.Error, 0, "no such symbol");
        Assert.Equal((8, ResultStatus.Error, 0UL, "no such symbol", 0), WireProtocol.ReadResult(RoundTrip(writer, FrameType.Result)));
    }

    [Fact]
    public void LogAndExit_RoundTrip()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteLog(writer, "mapped region 1");
        Assert.Equal("mapped region 1", WireProtocol.ReadLog(RoundTrip(writer, FrameType.Log)));

        WireProtocol.WriteExit(writer);
        RoundTrip(writer, FrameType.Exit);
    }

    [Fact]
    public void TryRead_EmptyStream_ReturnsFalse()
    {
        Assert.False(new FrameReader().TryRead(new MemoryStream()));
    }

    [Fact]
    public void TryRead_TruncatedFrame_ThrowsEndOfStream()
    {
        var writer = new FrameWriter();
        WireProtocol.WriteLoad(writer, "/tmp/lib.so");
        using var pipe = new MemoryStream();
        writer.Send(pipe);
        var truncated = new MemoryStream(pipe.ToArray()[..^3]);

        Assert.Throws<EndOfStreamException>(() => new FrameReader().TryRead(truncated));
    }

    [Fact]
    public void TryRead_HugeLength_ThrowsInvalidData()
    {
        var bogus = new MemoryStream([0xFF, 0xFF, 0xFF, 0x7F, 1]);
        Assert.Throws<InvalidDataException>(() => new FrameReader().TryRead(bogus));
    }
}
