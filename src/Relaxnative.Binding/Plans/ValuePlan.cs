namespace Relaxnative.Binding;

/// <summary>How one parameter or the return value is passed. Immutable.</summary>
/// <param name="Kind">The conversion kind.</param>
/// <param name="Type">The C type it came from.</param>
/// <param name="Parameter">The parameter, or null for the return value.</param>
internal sealed record ValuePlan(ValueKind Kind, CType Type, CParameter? Parameter)
{
    /// <summary>For <see cref="ValueKind.Record"/>, the layout the C compiler measured; otherwise <see langword="null"/>.</summary>
    public CLayout? Layout { get; init; }

    /// <summary>For <see cref="ValueKind.Record"/>, the emitted value type with the C fields at the C offsets (see <see cref="RecordTypes"/>).</summary>
    public Type? RecordType { get; init; }

    /// <summary>
    /// For a <see cref="ValueKind.FunctionPointer"/> whose C type names the function (a callback parameter), the plan a
    /// delegate passed for it is called with, its records laid out as the module measured them; otherwise <see langword="null"/>.
    /// </summary>
    public CallPlan? Callback { get; init; }

    /// <summary>The .NET type of the value in the unmanaged call signature (bool travels as byte; pointers as nint).</summary>
    public Type AbiType => Kind switch
    {
        ValueKind.Void => typeof(void),
        ValueKind.Bool or ValueKind.UInt8 => typeof(byte),
        ValueKind.Int8 => typeof(sbyte),
        ValueKind.Int16 => typeof(short),
        ValueKind.UInt16 => typeof(ushort),
        ValueKind.Int32 => typeof(int),
        ValueKind.UInt32 => typeof(uint),
        ValueKind.Int64 => typeof(long),
        ValueKind.UInt64 => typeof(ulong),
        ValueKind.IntPtr => typeof(nint),
        ValueKind.UIntPtr => typeof(nuint),
        ValueKind.Float => typeof(float),
        ValueKind.Double => typeof(double),
        ValueKind.Record => RecordType!,
        _ => typeof(nint),
    };

    /// <summary>How the value converts to and from a .NET string beyond plain UTF-8 <c>char*</c> (wide types, <see cref="StringEncoding"/>).</summary>
    public TextForm Text { get; init; }

    /// <summary>For a result the caller owns (<see cref="BindOptions.Frees"/>), its deallocator; otherwise null.</summary>
    public OwnedResult? Frees { get; init; }

    /// <summary>Whether this is a pointer of any kind.</summary>
    public bool IsPointerLike => Kind is ValueKind.Pointer or ValueKind.CharPointer or ValueKind.PointerTable or ValueKind.FunctionPointer;

    /// <summary>The C type spelled for messages, with the .NET types it accepts.</summary>
    public string Expected => Kind switch
    {
        ValueKind.Bool => "bool",
        ValueKind.Int8 => "sbyte",
        ValueKind.UInt8 => "byte",
        ValueKind.Int16 => "short",
        ValueKind.UInt16 => "ushort",
        ValueKind.Int32 => "int",
        ValueKind.UInt32 => "uint",
        ValueKind.Int64 => "long",
        ValueKind.UInt64 => "ulong",
        ValueKind.IntPtr => "nint",
        ValueKind.UIntPtr => "nuint",
        ValueKind.Float => "float",
        ValueKind.Double => "double",
        ValueKind.CharPointer when Type.IsCString => "string or a pointer (NativeBuffer, NativePointer, byte[], nint, null)",
        ValueKind.Pointer when NativeText.AcceptsString(this) => $"string or a pointer (NativeBuffer, NativePointer, {PointeeArrayName}[], nint, null)",
        ValueKind.CharPointer => "a writable pointer (NativeBuffer, NativePointer, byte[], nint, null)",
        ValueKind.PointerTable => "a pointer table (NativeBuffer, NativePointer[], NativeBuffer[], nint[], NativePointer, nint, null)",
        ValueKind.FunctionPointer => "a delegate, NativeCallback, NativePointer, nint or null",
        ValueKind.Record => $"a C# struct laid out as '{Layout!.Name}' ({Layout.Size} bytes), a NativeStruct of it, or a NativeBuffer or byte[] of exactly {Layout.Size} bytes",
        _ => $"a pointer (NativeBuffer, NativePointer, {PointeeArrayName ?? "an unmanaged"}[], Memory<T>, ArraySegment<T>, nint, null)",
    };

    /// <summary>For pointers to scalars, the .NET element type whose arrays match (<c>double*</c>: double); otherwise null.</summary>
    public Type? PointeeElementType => Type.Kind == CTypeKind.Pointer && Type.Pointee is { } pointee ? ElementTypeOf(pointee) : null;

    private string? PointeeArrayName => PointeeElementType?.Name;

    /// <summary>
    /// Whether arrays of <paramref name="element"/> may stand for a pointer to <paramref name="expected"/>: the same type,
    /// or the same size and signedness class. 8-bit integers go either way (C's char has no fixed sign); 64-bit words
    /// match by sign (<c>size_t*</c> takes ulong[] and nuint[], <c>int64_t*</c> takes long[] and nint[]).
    /// </summary>
    internal static bool ElementMatches(Type expected, Type element) =>
        element == expected
        || (IsByte(expected) && IsByte(element))
        || (IsSignedWord(expected) && IsSignedWord(element))
        || (IsUnsignedWord(expected) && IsUnsignedWord(element));

    private static bool IsByte(Type t) => t == typeof(byte) || t == typeof(sbyte);

    private static bool IsSignedWord(Type t) => t == typeof(long) || (t == typeof(nint) && IntPtr.Size == 8);

    private static bool IsUnsignedWord(Type t) => t == typeof(ulong) || (t == typeof(nuint) && UIntPtr.Size == 8);

    internal static Type? ElementTypeOf(CType type) => type.Kind switch
    {
        CTypeKind.Bool => typeof(bool),
        CTypeKind.Int8 => typeof(sbyte),
        CTypeKind.UInt8 => typeof(byte),
        CTypeKind.Int16 => typeof(short),
        CTypeKind.UInt16 => typeof(ushort),
        CTypeKind.Int32 => typeof(int),
        CTypeKind.UInt32 => typeof(uint),
        CTypeKind.Int64 => typeof(long),
        CTypeKind.UInt64 => typeof(ulong),
        CTypeKind.IntPtr => typeof(nint),
        CTypeKind.UIntPtr => typeof(nuint),
        CTypeKind.Float => typeof(float),
        CTypeKind.Double => typeof(double),
        _ => null,
    };
}
