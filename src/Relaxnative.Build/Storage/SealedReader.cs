using System.Text;

namespace Relaxnative.Build;

/// <summary>
/// Reads what <see cref="SealedWriter"/> wrote. Every count is checked against the bytes left before anything is
/// allocated, and a flag must be 0 or 1, so damaged or forged bytes end in <see cref="InvalidDataException"/> (which
/// <see cref="TryReadAll{T}"/> turns into <see langword="null"/>), never in a huge allocation.
/// </summary>
internal sealed class SealedReader
{
    private readonly BinaryReader _reader;
    private readonly long _end;

    private SealedReader(BinaryReader reader, long end)
    {
        _reader = reader;
        _end = end;
    }

    /// <summary>
    /// Reads <paramref name="length"/> bytes at <paramref name="offset"/> with <paramref name="read"/>, which must consume
    /// them all; <see langword="null"/> when the bytes are damaged, truncated, or longer than what was read.
    /// </summary>
    public static T? TryReadAll<T>(byte[] bytes, int offset, int length, Func<SealedReader, T> read)
        where T : class
    {
        try
        {
            using var stream = new MemoryStream(bytes, offset, length, writable: false);
            using var binary = new BinaryReader(stream, Encoding.UTF8);
            var value = read(new SealedReader(binary, length));
            return stream.Position == length ? value : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or InvalidDataException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    private long Left => _end - _reader.BaseStream.Position;

    public bool Bool() => _reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"{other} where a flag (0 or 1) belongs."),
    };

    /// <summary>A count or index: never negative, and never more than the bytes left (each item takes one at least).</summary>
    public int Count()
    {
        var value = _reader.Read7BitEncodedInt();
        return value >= 0 && value <= Left ? value : throw new InvalidDataException($"The count {value} exceeds the {Left} bytes left.");
    }

    public long Long() => _reader.Read7BitEncodedInt64();

    public ulong ULong() => unchecked((ulong)_reader.Read7BitEncodedInt64());

    public double Double() => _reader.ReadDouble();

    /// <summary>A UTC time written by <see cref="SealedWriter.Time"/>.</summary>
    public DateTime Time()
    {
        var ticks = _reader.Read7BitEncodedInt64();
        return ticks is >= 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Utc) : throw new InvalidDataException($"{ticks} is not a time.");
    }

    public string String()
    {
        // The length prefix is BinaryWriter's; checking it here keeps a forged length from sizing a buffer.
        var position = _reader.BaseStream.Position;
        var length = _reader.Read7BitEncodedInt();
        if (length < 0 || length > Left)
        {
            throw new InvalidDataException($"A string of {length} bytes exceeds the {Left} bytes left.");
        }

        _reader.BaseStream.Position = position;
        return _reader.ReadString();
    }

    public string? OptionalString() => Bool() ? String() : null;

    public string[] Strings()
    {
        var values = new string[Count()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = String();
        }

        return values;
    }

    public byte[] Bytes() => _reader.ReadBytes(Count());

    /// <summary>Reads a count, then that many items with <paramref name="read"/>.</summary>
    public T[] List<T>(Func<SealedReader, T> read)
    {
        var items = new T[Count()];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = read(this);
        }

        return items;
    }
}
