using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Relaxnative;

/// <summary>
/// A C struct or union seen through its measured <see cref="CLayout"/>, for when no C# type exists: fields by name
/// (<c>s["x"]</c>, <c>s.Get&lt;int&gt;("pos.x")</c>), a readable <see cref="ToString"/>, and by-value passing to
/// <c>Invoke</c>. Either a view over native memory (<see cref="Over(NativeBuffer, CLayout, long)"/>: every access is
/// bounds-checked and leases the buffer, so a freed buffer throws <see cref="UseAfterFreeException"/> instead of being read)
/// or a managed copy (a struct returned by value, <see cref="Copy"/>). Not thread-safe for concurrent writes.
/// </summary>
public sealed class NativeStruct
{
    private readonly NativePointer? _memory;
    private readonly byte[]? _copy;

    private NativeStruct(CLayout layout, NativePointer? memory, byte[]? copy)
    {
        Layout = layout;
        _memory = memory;
        _copy = copy;
    }

    /// <summary>The record's layout.</summary>
    public CLayout Layout { get; }

    /// <summary>The memory viewed, tied to its buffer; <see langword="null"/> for a copy.</summary>
    public NativePointer? Memory => _memory;

    /// <summary>A view of the record at <paramref name="offset"/> bytes into <paramref name="buffer"/>.</summary>
    /// <param name="buffer">The memory; the view lives as long as it does and is checked against it.</param>
    /// <param name="layout">The record's layout (<c>module.Layout("struct point")</c>).</param>
    /// <param name="offset">The record's offset in bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The record does not fit in the buffer at that offset.</exception>
    /// <exception cref="UseAfterFreeException">The buffer was freed.</exception>
    public static NativeStruct Over(NativeBuffer buffer, CLayout layout, long offset = 0)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(layout);
        return new NativeStruct(layout, buffer.Slice(offset, layout.Size), null);
    }

    /// <summary>A view of the record <paramref name="pointer"/> points to (its size, when known, must hold the record).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pointer's known size is smaller than the record.</exception>
    public static NativeStruct Over(NativePointer pointer, CLayout layout)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(layout);
        if (pointer.Size > 0 && pointer.Size < layout.Size)
        {
            throw new ArgumentOutOfRangeException(nameof(pointer), pointer.Size,
                $"'{layout.Name}' needs {layout.Size} bytes, but the pointer covers {pointer.Size}. Point at a whole record.");
        }

        return new NativeStruct(layout, pointer.Size > 0 ? pointer : new NativePointer(pointer.Address, layout.Size, pointer.Ownership), null);
    }

    /// <summary>A zeroed managed copy of the record, to fill and pass by value.</summary>
    public static NativeStruct Create(CLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new NativeStruct(layout, null, new byte[layout.Size]);
    }

    /// <summary>A managed copy of <paramref name="bytes"/> (exactly <see cref="CLayout.Size"/> of them).</summary>
    /// <exception cref="ArgumentException">The length differs from the record's size.</exception>
    public static NativeStruct Copy(CLayout layout, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (bytes.Length != layout.Size)
        {
            throw new ArgumentException($"'{layout.Name}' is {layout.Size} bytes; {bytes.Length} were given.", nameof(bytes));
        }

        return new NativeStruct(layout, null, bytes.ToArray());
    }

    /// <summary>Reads or writes a field by name or dotted path. Scalars come as their .NET type (<c>int</c>, <c>float</c>,
    /// <c>nint</c> for pointers, <c>bool</c> for <c>_Bool</c>), nested records as a <see cref="NativeStruct"/> view, arrays as .NET arrays.</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    /// <exception cref="ArgumentException">A written value does not fit the field's C type.</exception>
    public object? this[string path]
    {
        get => FieldValue(path);
        set => SetField(path, value);
    }

    /// <summary>Reads a field as <typeparamref name="T"/>, whose size must be the field's (bitfields: any integer type).</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has another size than the field.</exception>
    public unsafe T Get<T>(string path) where T : unmanaged
    {
        var (field, offset) = Find(path);
        if (field.IsBitfield)
        {
            return Convert<T>(ReadBits(field, offset), field);
        }

        Require(sizeof(T) == field.ElementSize, field, typeof(T), sizeof(T));
        return Read<T>(offset);
    }

    /// <summary>Writes a field as <typeparamref name="T"/>, whose size must be the field's (bitfields: the value is masked to the width).</summary>
    /// <exception cref="KeyNotFoundException">No such field.</exception>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has another size than the field.</exception>
    public unsafe void Set<T>(string path, T value) where T : unmanaged
    {
        var (field, offset) = Find(path);
        if (field.IsBitfield)
        {
            WriteBits(field, offset, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
            return;
        }

        Require(sizeof(T) == field.ElementSize, field, typeof(T), sizeof(T));
        Write(offset, value);
    }

    /// <summary>Reads the whole record as the C# struct <typeparamref name="T"/>, after checking that its layout is the C one.</summary>
    /// <exception cref="NativeLayoutMismatchException"><typeparamref name="T"/> lays the record out differently (both layouts are printed).</exception>
    [RequiresUnreferencedCode(Binding.CodeGeneration.Calls)]
    public T As<T>() where T : unmanaged
    {
        Binding.LayoutCheck.Require(typeof(T), Layout);
        return Read<T>(0);
    }

    /// <summary>Copies the record's bytes.</summary>
    public byte[] ToArray() => _copy is not null ? (byte[])_copy.Clone() : [.. Enumerable.Range(0, Layout.Size).Select(i => Read<byte>(i))];

    /// <summary>The record and its fields: <c>struct point { x = 1, y = 2 }</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(Layout.Name).Append(" { ");
        text.AppendJoin(", ", Layout.Fields.Where(f => !f.IsFlexibleArray).Select(f => f.Name + " = " + Format(FieldValue(f.Name))));
        return text.Append(" }").ToString();
    }

    internal void CopyTo(Span<byte> destination)
    {
        if (_copy is not null)
        {
            _copy.CopyTo(destination);
            return;
        }

        for (var i = 0; i < Layout.Size; i++)
        {
            destination[i] = Read<byte>(i);
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        Array array => "[" + string.Join(", ", array.Cast<object?>().Select(Format)) + "]",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private (CField Field, int Offset) Find(string path) => (Layout.Field(path), Layout.OffsetOf(path));

    private T Read<T>(int offset) where T : unmanaged => _copy is not null ? MemoryMarshal.Read<T>(_copy.AsSpan(offset)) : _memory!.Read<T>(offset);

    private void Write<T>(int offset, T value) where T : unmanaged
    {
        if (_copy is not null)
        {
            MemoryMarshal.Write(_copy.AsSpan(offset), in value);
        }
        else
        {
            _memory!.Write(offset, value);
        }
    }

    private object? FieldValue(string path)
    {
        var (field, offset) = Find(path);
        if (field.IsBitfield)
        {
            return ScalarFromLong(field.Type.Resolved.Kind, ReadBits(field, offset));
        }

        if (field.ArrayLength is { } length)
        {
            var items = new object?[length];
            for (var i = 0; i < length; i++)
            {
                items[i] = Element(field, offset + (i * field.ElementSize));
            }

            return items;
        }

        return Element(field, offset);
    }

    private object? Element(CField field, int offset)
    {
        if (field.Layout is { } nested)
        {
            return _copy is not null ? Copy(nested, _copy.AsSpan(offset, nested.Size)) : new NativeStruct(nested, _memory!.Offset(offset), null);
        }

        return field.Type.Resolved.Kind switch
        {
            CTypeKind.Bool => Read<byte>(offset) != 0,
            CTypeKind.Int8 => Read<sbyte>(offset),
            CTypeKind.UInt8 => Read<byte>(offset),
            CTypeKind.Int16 => Read<short>(offset),
            CTypeKind.UInt16 => Read<ushort>(offset),
            CTypeKind.Int32 => Read<int>(offset),
            CTypeKind.UInt32 => Read<uint>(offset),
            CTypeKind.Int64 => Read<long>(offset),
            CTypeKind.UInt64 => Read<ulong>(offset),
            CTypeKind.Float => Read<float>(offset),
            CTypeKind.Double => Read<double>(offset),
            CTypeKind.UIntPtr => Read<nuint>(offset),
            CTypeKind.IntPtr or CTypeKind.Pointer or CTypeKind.FunctionPointer => Read<nint>(offset),
            _ => ToArrayAt(offset, field.ElementSize),
        };
    }

    private byte[] ToArrayAt(int offset, int size) => [.. Enumerable.Range(offset, size).Select(i => Read<byte>(i))];

    private void SetField(string path, object? value)
    {
        var (field, offset) = Find(path);
        try
        {
            if (field.IsBitfield)
            {
                WriteBits(field, offset, System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return;
            }

            if (field.ArrayLength is not null || field.Layout is not null)
            {
                throw new ArgumentException($"Field '{path}' of '{Layout.Name}' is {(field.Layout is null ? "an array" : "a record")}; write its elements or fields one by one ('{path}.x', Set<T>).");
            }

            var invariant = CultureInfo.InvariantCulture;
            switch (field.Type.Resolved.Kind)
            {
                case CTypeKind.Bool: Write(offset, (byte)(value is true ? 1 : 0)); break;
                case CTypeKind.Int8: Write(offset, System.Convert.ToSByte(value, invariant)); break;
                case CTypeKind.UInt8: Write(offset, System.Convert.ToByte(value, invariant)); break;
                case CTypeKind.Int16: Write(offset, System.Convert.ToInt16(value, invariant)); break;
                case CTypeKind.UInt16: Write(offset, System.Convert.ToUInt16(value, invariant)); break;
                case CTypeKind.Int32: Write(offset, System.Convert.ToInt32(value, invariant)); break;
                case CTypeKind.UInt32: Write(offset, System.Convert.ToUInt32(value, invariant)); break;
                case CTypeKind.Int64: Write(offset, System.Convert.ToInt64(value, invariant)); break;
                case CTypeKind.UInt64: Write(offset, System.Convert.ToUInt64(value, invariant)); break;
                case CTypeKind.Float: Write(offset, System.Convert.ToSingle(value, invariant)); break;
                case CTypeKind.Double: Write(offset, System.Convert.ToDouble(value, invariant)); break;
                case CTypeKind.IntPtr or CTypeKind.UIntPtr or CTypeKind.Pointer or CTypeKind.FunctionPointer:
                    Write(offset, value is NativePointer p ? p.Address : value is nint n ? n : (nint)System.Convert.ToInt64(value, invariant));
                    break;
                default:
                    throw new ArgumentException($"Field '{path}' of '{Layout.Name}' is C '{field.Type.Spelling}', which NativeStruct cannot write; use Set<T> with a struct of its size.");
            }
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
        {
            throw new ArgumentException($"Cannot write {value ?? "null"} ({value?.GetType().Name ?? "null"}) to field '{path}' of '{Layout.Name}' (C '{field.Type.Spelling}'): {e.Message}", nameof(path), e);
        }
    }

    private long ReadBits(CField field, int offset)
    {
        ulong raw = 0;
        for (var i = 0; i < field.Size; i++)
        {
            raw |= (ulong)Read<byte>(offset + i) << (8 * i);
        }

        var width = field.BitWidth!.Value;
        var value = (raw >> field.BitOffset!.Value) & (width == 64 ? ulong.MaxValue : (1UL << width) - 1);
        var signed = field.Type.Resolved.Kind is CTypeKind.Int8 or CTypeKind.Int16 or CTypeKind.Int32 or CTypeKind.Int64 or CTypeKind.IntPtr;
        return signed && width < 64 && (value & (1UL << (width - 1))) != 0 ? (long)(value | ~((1UL << width) - 1)) : (long)value;
    }

    private void WriteBits(CField field, int offset, long value)
    {
        var width = field.BitWidth!.Value;
        var mask = (width == 64 ? ulong.MaxValue : (1UL << width) - 1) << field.BitOffset!.Value;
        ulong raw = 0;
        for (var i = 0; i < field.Size; i++)
        {
            raw |= (ulong)Read<byte>(offset + i) << (8 * i);
        }

        raw = (raw & ~mask) | (((ulong)value << field.BitOffset.Value) & mask);
        for (var i = 0; i < field.Size; i++)
        {
            Write(offset + i, (byte)(raw >> (8 * i)));
        }
    }

    private static object ScalarFromLong(CTypeKind kind, long value) => kind switch
    {
        CTypeKind.Bool => value != 0,
        CTypeKind.Int8 => (sbyte)value,
        CTypeKind.UInt8 => (byte)value,
        CTypeKind.Int16 => (short)value,
        CTypeKind.UInt16 => (ushort)value,
        CTypeKind.UInt32 => (uint)value,
        CTypeKind.Int64 => value,
        CTypeKind.UInt64 => (ulong)value,
        _ => (int)value,
    };

    private T Convert<T>(long value, CField field) where T : unmanaged
    {
        try
        {
            return (T)System.Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Bitfield '{field.Name}' of '{Layout.Name}' holds {value}, which {typeof(T).Name} cannot represent. Ask for an integer type.", nameof(T), e);
        }
    }

    private void Require(bool fits, CField field, Type type, int size)
    {
        if (!fits)
        {
            throw new ArgumentException(
                $"Field '{field.Name}' of '{Layout.Name}' is C '{field.Type.Spelling}' ({field.ElementSize} bytes), but {type.Name} is {size} bytes. Ask for a type of the field's size.", nameof(type));
        }
    }
}
