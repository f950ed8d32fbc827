using System.IO.Compression;

namespace Relaxnative.Tests.Binding;

public sealed class LibzTests : IDisposable
{
    private readonly NativeModule _zlib = Native.Open("z");

    public void Dispose() => _zlib.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("The quick brown fox jumps over the lazy dog")]
    public void Crc32_Bytes_MatchesReferenceCrc(string text)
    {
        var crc32 = _zlib.Bind("unsigned long crc32(unsigned long crc, const unsigned char* buf, unsigned int len)");
        byte[] data = System.Text.Encoding.UTF8.GetBytes(text);

        ulong untyped = (ulong)crc32.Invoke(0UL, data, (uint)data.Length)!;
        var typed = crc32.AsDelegate<Func<ulong, byte[], uint, ulong>>();

        Assert.Equal(ReferenceCrc32(data), untyped);
        Assert.Equal(untyped, typed(0, data, (uint)data.Length));
        if (text == "123456789")
        {
            Assert.Equal(0xCBF43926UL, untyped);
        }
    }

    [Fact]
    public void Crc32_NativeBufferAndSegment_SameAsArray()
    {
        var crc32 = _zlib.Bind("unsigned long crc32(unsigned long crc, const unsigned char* buf, unsigned int len)");
        byte[] data = new byte[1000];
        new Random(7).NextBytes(data);
        using var buffer = Native.Alloc(data.Length);
        buffer.Write(data);

        object? fromArray = crc32.Invoke(0UL, data, 1000u);
        Assert.Equal(fromArray, crc32.Invoke(0UL, buffer, 1000u));
        Assert.Equal(fromArray, crc32.Invoke(0UL, new Memory<byte>(data), 1000u));
        Assert.Equal(crc32.Invoke(0UL, data[10..20], 10u), crc32.Invoke(0UL, new ArraySegment<byte>(data, 10, 10), 10u));
    }

    [Fact]
    public void Compress2_Uncompress_RoundTripWithOutParameters()
    {
        var compressBound = _zlib.Bind("unsigned long compressBound(unsigned long sourceLen)");
        var compress2 = _zlib.Bind("int compress2(unsigned char* dest, unsigned long* destLen, const unsigned char* source, unsigned long sourceLen, int level)");
        var uncompress = _zlib.Bind("int uncompress(unsigned char* dest, unsigned long* destLen, const unsigned char* source, unsigned long sourceLen)");
        byte[] original = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("relaxnative compresses well. ", 200)));

        ulong bound = (ulong)compressBound.Invoke((ulong)original.Length)!;
        using var compressed = Native.Alloc((long)bound);
        ulong[] compressedLength = [bound];
        Assert.Equal(0, compress2.Invoke(compressed, compressedLength, original, (ulong)original.Length, 9));
        Assert.InRange(compressedLength[0], 1UL, (ulong)original.Length / 4);

        // Cross-check: System.IO.Compression reads what libz wrote.
        byte[] zlibBytes = compressed.AsSpan()[..(int)compressedLength[0]].ToArray();
        using (var inflater = new ZLibStream(new MemoryStream(zlibBytes), CompressionMode.Decompress))
        using (var inflated = new MemoryStream())
        {
            inflater.CopyTo(inflated);
            Assert.Equal(original, inflated.ToArray());
        }

        // And libz reads what System.IO.Compression wrote, with the length out-parameter in a NativeBuffer.
        var deflated = new MemoryStream();
        using (var deflater = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflater.Write(original);
        }

        byte[] output = new byte[original.Length];
        using var outputLength = Native.Alloc(sizeof(ulong));
        outputLength.Write(0, (ulong)output.Length);
        Assert.Equal(0, uncompress.Invoke(output, outputLength, deflated.ToArray(), (ulong)deflated.Length));
        Assert.Equal((ulong)original.Length, outputLength.Read<ulong>(0));
        Assert.Equal(original, output);
    }

    [Fact]
    public void ZlibVersion_ReturnsString()
    {
        var version = _zlib.Bind("const char* zlibVersion(void)");
        Assert.StartsWith("1.", (string)version.Invoke()!);
        Assert.StartsWith("1.", version.AsDelegate<Func<string>>()());
    }

    private static ulong ReferenceCrc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFF;
    }
}
