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
        Assert.Equal((12, true, "int add(int a, int b)", -1, (nint)0), WireProtocol.ReadDefine(RoundTrip(writer, FrameType.Define)));
        WireProtocol.WriteDefine(writer, 13, false, "int printf(const char* format, double)", variadicFrom: 1, address: 0x7f00);
        Assert.Equal((13, false, "int printf(const char* format, double)", 1, (nint)0x7f00), WireProtocol.ReadDefine(RoundTrip(writer, FrameType.Define)));
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
