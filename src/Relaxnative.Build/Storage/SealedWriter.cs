namespace Relaxnative.Build;

/// <summary>
/// Writes the fields of a binary file in the form <see cref="SealedReader"/> reads: integers 7-bit encoded, strings
/// as UTF-8 with their byte length, an optional value as a presence flag and the value.
/// </summary>
internal sealed class SealedWriter(BinaryWriter writer)
{
    public void Bool(bool value) => writer.Write(value);

    public void Count(int value) => writer.Write7BitEncodedInt(value);

    public void Long(long value) => writer.Write7BitEncodedInt64(value);

    public void ULong(ulong value) => writer.Write7BitEncodedInt64(unchecked((long)value));

    public void Double(double value) => writer.Write(value);

    /// <summary>A UTC time, to the tick.</summary>
    public void Time(DateTime value) => writer.Write7BitEncodedInt64(value.ToUniversalTime().Ticks);

    public void String(string value) => writer.Write(value);

    public void OptionalString(string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public void Strings(IReadOnlyCollection<string> values)
    {
        Count(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Count(value.Length);
        writer.Write(value);
    }

    /// <summary>A count, then each item as <paramref name="write"/> writes it.</summary>
    public void List<T>(IReadOnlyCollection<T> items, Action<SealedWriter, T> write)
    {
        Count(items.Count);
        foreach (var item in items)
        {
            write(this, item);
        }
    }
}
