using System.Globalization;
using System.Runtime.CompilerServices;
using Relaxnative.Binding;

namespace Relaxnative;

/// <summary>
/// A variable a native library exports (<c>extern int counter;</c>, <c>extern const double table[8];</c>), found by
/// <see cref="NativeModule.GetVariable"/>: its C type, its size, and a sized <see cref="NativePointer"/> to it. Reads and
/// writes are checked against the C type (the .NET type must have its size and kind) and the element count.
/// </summary>
/// <remarks>
/// The memory belongs to the library (<see cref="Ownership.Native"/>): it lives until the module is disposed, after which
/// every member throws <see cref="ObjectDisposedException"/>. <see cref="Pointer"/> is a raw view that cannot know when
/// the library closes; do not keep it past the module. Reads and writes are plain loads and stores: the library may
/// change the variable from other threads, so synchronize as the library documents.
/// </remarks>
public sealed class NativeVariable
{
    private readonly NativeLibraryHandle _library;
    private readonly NativePointer _pointer;

    internal NativeVariable(NativeLibraryHandle library, string name, CType type, long elementCount, nint address)
    {
        _library = library;
        Name = name;
        Type = type;
        ElementCount = elementCount;
        _pointer = new NativePointer(address, type.SizeInBytes * elementCount, Ownership.Native);
    }

    /// <summary>The C name.</summary>
    public string Name { get; }

    /// <summary>The C type of the variable, or of one element for an array.</summary>
    public CType Type { get; }

    /// <summary>How many elements: 1 for a plain variable, the product of the bounds for an array; 0 when a bound is unknown (<c>extern int t[];</c>).</summary>
    public long ElementCount { get; }

    /// <summary>The size in bytes; 0 when unknown (an unsized array, a struct whose layout is not known).</summary>
    public long SizeInBytes => _pointer.Size;

    /// <summary>A sized, non-owning pointer to the variable (<see cref="Ownership.Native"/>), for passing to native functions and for views.</summary>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public NativePointer Pointer
    {
        get
        {
            ThrowIfClosed();
            return _pointer;
        }
    }

    /// <summary>Reads the variable (element <paramref name="index"/> of an array).</summary>
    /// <typeparam name="T">The .NET type matching the C type: the same size and kind (<c>int</c>: int or uint; <c>double</c>: double; pointers: nint).</typeparam>
    /// <param name="index">The element index; 0 for a plain variable.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the C type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public T Read<T>(long index = 0) where T : unmanaged => _pointer.Read<T>(Offset<T>(index));

    /// <summary>Writes the variable (element <paramref name="index"/> of an array).</summary>
    /// <typeparam name="T">The .NET type matching the C type, as for <see cref="Read{T}"/>.</typeparam>
    /// <param name="value">The value to store.</param>
    /// <param name="index">The element index; 0 for a plain variable.</param>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> does not match the C type.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the array.</exception>
    /// <exception cref="InvalidOperationException">The variable is declared <c>const</c>; the library may have placed it in read-only memory.</exception>
    /// <exception cref="ObjectDisposedException">The module was disposed.</exception>
    public void Write<T>(T value, long index = 0) where T : unmanaged
    {
        long offset = Offset<T>(index);
        if (Type.IsConst)
        {
            throw new InvalidOperationException(
                $"Cannot write variable '{Name}': it is declared 'const {Type.Resolved.Spelling.Replace("const ", "", StringComparison.Ordinal)}', and the library may keep it in read-only memory (writing would crash). Write only variables the header declares without const.");
        }

        _pointer.Write(offset, value);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"NativeVariable({Type.Spelling} {Name}{(ElementCount == 1 ? "" : $"[{ElementCount}]")}, {SizeInBytes} bytes)");

    private long Offset<T>(long index) where T : unmanaged
    {
        ThrowIfClosed();
        var expected = ValuePlan.ElementTypeOf(Type.Resolved) ?? (Type.Kind is CTypeKind.Pointer or CTypeKind.FunctionPointer ? typeof(nint) : null);
        if (expected is null || Unsafe.SizeOf<T>() != Type.SizeInBytes
            || !(typeof(T) == expected || ValuePlan.ElementMatches(expected, typeof(T)) || SameSizeInteger(expected, typeof(T))))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Variable '{Name}' is C '{Type.Description}' ({Type.SizeInBytes} bytes); it cannot be read or written as {typeof(T).Name} ({Unsafe.SizeOf<T>()} bytes). ") +
                (expected is null ? "Read it through Pointer with the layout the header gives." : $"Use {expected.Name}."), nameof(T));
        }

        if (index < 0 || (ElementCount > 0 && index >= ElementCount))
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, string.Create(CultureInfo.InvariantCulture,
                $"Variable '{Name}' has {ElementCount} element(s); index {index} is outside it."));
        }

        return index * Type.SizeInBytes;
    }

    // An int variable may be read as uint and back (flags, bit patterns); floats and integers never mix.
    private static bool SameSizeInteger(Type expected, Type actual) =>
        IsInteger(expected) && IsInteger(actual);

    private static bool IsInteger(Type t) =>
        t == typeof(sbyte) || t == typeof(byte) || t == typeof(short) || t == typeof(ushort) || t == typeof(int) || t == typeof(uint)
        || t == typeof(long) || t == typeof(ulong) || t == typeof(nint) || t == typeof(nuint);

    private void ThrowIfClosed()
    {
        if (_library.IsDisposed)
        {
            BindingErrors.ThrowDisposed($"The library '{_library.Path}' of variable '{Name}'");
        }
    }
}
