using System.Text;

namespace Relaxnative.Tests.Memory;

public class NativeBufferViewTests
{
    [Fact]
    public void AsSpan_EveryScalarType_ViewsTheSameBytes()
    {
        using var buffer = Native.Alloc(64);
        buffer.AsSpan().Fill(0x01);

        Assert.Equal(64, buffer.AsSpan<byte>().Length);
        Assert.Equal(64, buffer.AsSpan<sbyte>().Length);
        Assert.Equal(32, buffer.AsSpan<ushort>().Length);
        Assert.Equal(32, buffer.AsSpan<short>().Length);
        Assert.Equal(16, buffer.AsSpan<uint>().Length);
        Assert.Equal(16, buffer.AsSpan<int>().Length);
        Assert.Equal(8, buffer.AsSpan<ulong>().Length);
        Assert.Equal(8, buffer.AsSpan<long>().Length);
        Assert.Equal(16, buffer.AsSpan<float>().Length);
        Assert.Equal(8, buffer.AsSpan<double>().Length);
        Assert.Equal(8, buffer.AsSpan<nint>().Length);
        Assert.Equal(0x01010101u, buffer.AsSpan<uint>()[3]);
        Assert.Equal(0x0101010101010101UL, buffer.AsSpan<ulong>()[7]);
    }

    [Fact]
    public void AsSpan_OffsetAndLength_ViewsThatRange()
    {
        using var buffer = Native.Alloc(64);
        var doubles = buffer.AsSpan<double>(16, 3);
        doubles[0] = 1.5;
        doubles[2] = -2.25;
        Assert.Equal(3, doubles.Length);
        Assert.Equal(1.5, buffer.Read<double>(16));
        Assert.Equal(-2.25, buffer.Read<double>(32));
        Assert.Equal(12, buffer.AsSpan<int>(16).Length);
    }

    [Theory]
    [InlineData(-1L, 1)]
    [InlineData(65L, 0)]
    [InlineData(60L, 2)]
    [InlineData(0L, 17)]
    public void AsSpan_OutOfBounds_ThrowsWithOffsetLengthAndSize(long offset, int length)
    {
        using var buffer = Native.Alloc(64);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsSpan<int>(offset, length));
        Assert.Contains($"offset = {offset}", e.Message);
        Assert.Contains($"length = {length * 4}", e.Message);
        Assert.Contains("64 bytes", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(6)]
    public void AsSpan_Misaligned_ThrowsArgument(long offset)
    {
        using var buffer = Native.Alloc(64);
        var e = Assert.Throws<ArgumentException>(() => buffer.AsSpan<long>(offset, 1));
        Assert.IsNotType<ArgumentOutOfRangeException>(e);
        Assert.Contains($"offset {offset}", e.Message);
        Assert.Contains("8 bytes", e.Message);
    }

    [Fact]
    public void AsSpan_ByteViewAtOddOffset_IsAllowed()
    {
        using var buffer = Native.Alloc(8);
        Assert.Equal(5, buffer.AsSpan<byte>(3).Length);
        Assert.Equal(2, buffer.AsSpan<short>(2, 2).Length);
    }

    [Fact]
    public void ReadWrite_EveryScalarType_RoundTrips()
    {
        using var buffer = Native.Alloc(64);
        buffer.Write(0, (byte)0xFE); Assert.Equal((byte)0xFE, buffer.Read<byte>(0));
        buffer.Write(1, (sbyte)-5); Assert.Equal((sbyte)-5, buffer.Read<sbyte>(1));
        buffer.Write(2, (ushort)65535); Assert.Equal((ushort)65535, buffer.Read<ushort>(2));
        buffer.Write(4, (short)-300); Assert.Equal((short)-300, buffer.Read<short>(4));
        buffer.Write(8, 0xFFFFFFFFu); Assert.Equal(0xFFFFFFFFu, buffer.Read<uint>(8));
        buffer.Write(12, int.MinValue); Assert.Equal(int.MinValue, buffer.Read<int>(12));
        buffer.Write(16, 1UL << 40); Assert.Equal(1UL << 40, buffer.Read<ulong>(16));
        buffer.Write(24, -(1L << 40)); Assert.Equal(-(1L << 40), buffer.Read<long>(24));
        buffer.Write(32, 3.25f); Assert.Equal(3.25f, buffer.Read<float>(32));
        buffer.Write(40, Math.PI); Assert.Equal(Math.PI, buffer.Read<double>(40));
        buffer.Write(48, (nint)123456); Assert.Equal(123456, buffer.Read<nint>(48));
    }

    [Fact]
    public void ReadWrite_UnalignedOffset_IsAllowed()
    {
        using var buffer = Native.Alloc(16);
        buffer.Write(3, 0x1122334455667788L);
        Assert.Equal(0x1122334455667788L, buffer.Read<long>(3));
    }

    [Theory]
    [InlineData(61L)]
    [InlineData(64L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public void ReadWrite_OutOfBounds_ThrowWithOffsetLengthAndSize(long offset)
    {
        using var buffer = Native.Alloc(64);
        var read = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Read<int>(offset));
        var write = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Write(offset, 1));
        foreach (var e in new[] { read, write })
        {
            Assert.Contains($"offset = {offset}", e.Message);
            Assert.Contains("length = 4", e.Message);
            Assert.Contains("64 bytes", e.Message);
        }

        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void WriteSpan_Fits_CopiesAtOffset()
    {
        using var buffer = Native.Alloc(8);
        buffer.Write([1, 2, 3], offset: 5);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 1, 2, 3 }, buffer.ToArray());
    }

    [Fact]
    public void WriteSpan_TooLong_ThrowsAndWritesNothing()
    {
        using var buffer = Native.Alloc(8);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Write([1, 2, 3, 4], offset: 5));
        Assert.Contains("offset = 5, length = 4", e.Message);
        Assert.All(buffer.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public void ReadCString_TerminatedUtf8_DecodesUpToNul()
    {
        using var buffer = Native.Alloc(32);
        buffer.Write(Encoding.UTF8.GetBytes("héllo\0world"), offset: 2);
        Assert.Equal("héllo", buffer.ReadCString(2));
        Assert.Equal("world", buffer.ReadCString(2 + 7));
        Assert.Equal("", buffer.ReadCString(0));
    }

    [Fact]
    public void ReadCString_Unterminated_StopsAtBufferEnd()
    {
        using var buffer = Native.Alloc(4);
        buffer.Write("abcd"u8);
        Assert.Equal("abcd", buffer.ReadCString());
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.ReadCString(4));
    }

    [Fact]
    public void Slice_InRange_IsTiedBorrowedPointer()
    {
        using var buffer = Native.Alloc(64);
        var slice = buffer.Slice(8, 16);
        Assert.Equal(buffer.Address + 8, slice.Address);
        Assert.Equal(16, slice.Size);
        Assert.Equal(Ownership.Borrowed, slice.Ownership);
        Assert.Same(buffer, slice.Owner);

        slice.Write(0, 42);
        Assert.Equal(42, buffer.Read<int>(8));
    }

    [Theory]
    [InlineData(60L, 8L)]
    [InlineData(-1L, 4L)]
    [InlineData(0L, 65L)]
    [InlineData(8L, 0L)]
    public void Slice_OutOfRange_ThrowsWithOffsetLengthAndSize(long offset, long length)
    {
        using var buffer = Native.Alloc(64);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Slice(offset, length));
        Assert.Contains($"offset = {offset}, length = {length}", e.Message);
        Assert.Contains("64 bytes", e.Message);
    }
}
