using System.Buffers.Binary;
using System.Text;

namespace Relaxnative.Isolation.Wire;

/// <summary>
/// Reads one frame at a time from a stream into a reusable buffer, then hands out its fields in order. Not
/// thread-safe; one reader per pipe.
/// </summary>
internal sealed class FrameReader
{
    /// <summary>The largest payload accepted (frames never carry argument data, so they stay small).</summary>
    public const int MaxPayload = 64 << 20;

    private readonly byte[] _header = new byte[5];
    private byte[] _buffer = new byte[256];
    private int _length;
    private int _position;

    /// <summary>The type of the frame last read.</summary>
    public FrameType Type { get; private set; }

    /// <summary>Reads the next frame; false when the stream ended cleanly before a frame began.</summary>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The length is negative or larger than <see cref="MaxPayload"/>.</exception>
    public bool TryRead(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!Fill(stream, _header, allowCleanEnd: true))
        {
            return false;
        }

        int length = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (length is < 0 or > MaxPayload)
        {
            throw new InvalidDataException($"A frame announced {length} payload bytes; the limit is {MaxPayload}. The pipe is out of step.");
        }

        Type = (FrameType)_header[4];
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        Fill(stream, _buffer.AsSpan(0, length), allowCleanEnd: false);
        _length = length;
        _position = 0;
        return true;
    }

    /// <summary>Loads a frame from bytes (a whole frame, header included), for tests and in-memory use.</summary>
    public bool TryRead(ReadOnlySpan<byte> frame) => TryRead(new MemoryStream(frame.ToArray()));

    /// <summary>Reads a byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a little-endian int32.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a little-endian int64.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a little-endian uint64.</summary>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Reads a string written by <see cref="FrameWriter.WriteString"/>.</summary>
    public string? ReadString()
    {
        int byteCount = ReadInt32();
        return byteCount < 0 ? null : Encoding.UTF8.GetString(Take(byteCount));
    }

    private ReadOnlySpan<byte> Take(int byteCount)
    {
        if (_position + byteCount > _length)
        {
            throw new InvalidDataException($"A {Type} frame of {_length} bytes ended early: wanted {byteCount} more bytes at offset {_position}.");
        }

        var span = _buffer.AsSpan(_position, byteCount);
        _position += byteCount;
        return span;
    }

    private static bool Fill(Stream stream, Span<byte> target, bool allowCleanEnd)
    {
        int done = 0;
        while (done < target.Length)
        {
            int read = stream.Read(target[done..]);
            if (read == 0)
            {
                if (done == 0 && allowCleanEnd)
                {
                    return false;
                }

                throw new EndOfStreamException($"The pipe closed inside a frame ({done} of {target.Length} bytes read).");
            }

            done += read;
        }

        return true;
    }
}
