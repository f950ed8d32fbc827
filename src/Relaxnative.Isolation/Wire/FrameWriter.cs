using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Isolation.Wire;

/// <summary>
/// Builds one frame at a time in a reusable buffer: <c>int32 payload length | byte type | payload</c>, little-endian.
/// Not thread-safe; one writer per pipe, used under the caller's lock. Reused across calls so a call allocates nothing.
/// </summary>
internal sealed class FrameWriter
{
    private const int HeaderSize = 5;
    private byte[] _buffer = new byte[256];
    private int _length;

    /// <summary>The bytes of the frame built so far (valid after <see cref="End"/>).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Starts a frame of type <paramref name="type"/>, discarding anything not yet sent.</summary>
    public void Begin(FrameType type)
    {
        _length = HeaderSize;
        _buffer[4] = (byte)type;
    }

    /// <summary>Writes the payload length into the header.</summary>
    public void End() => BinaryPrimitives.WriteInt32LittleEndian(_buffer, _length - HeaderSize);

    /// <summary>Appends a byte.</summary>
    public void WriteByte(byte value) => Reserve(1)[0] = value;

    /// <summary>Appends a little-endian int32.</summary>
    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);

    /// <summary>Appends a little-endian int64.</summary>
    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);

    /// <summary>Appends a little-endian uint64.</summary>
    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Reserve(8), value);

    /// <summary>Appends a string: int32 UTF-8 byte count, then the bytes; null is written as count -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        int byteCount = Encoding.UTF8.GetByteCount(value);
        WriteInt32(byteCount);
        Encoding.UTF8.GetBytes(value, Reserve(byteCount));
    }

    /// <summary>Writes the frame to <paramref name="stream"/> in one write and flushes.</summary>
    public void Send(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        End();
        stream.Write(_buffer, 0, _length);
        stream.Flush();
    }

    private Span<byte> Reserve(int byteCount)
    {
        if (_length + byteCount > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + byteCount));
        }

        var span = _buffer.AsSpan(_length, byteCount);
        _length += byteCount;
        return span;
    }
}
