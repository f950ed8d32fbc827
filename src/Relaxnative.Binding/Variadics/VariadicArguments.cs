namespace Relaxnative.Binding;

/// <summary>
/// The C type each variadic argument travels as, from its .NET value (untyped calls) or type (typed delegates),
/// after C's default argument promotions: <c>float</c> becomes <c>double</c>; <c>_Bool</c>, <c>char</c> and integers
/// narrower than <c>int</c> become <c>int</c>. The callee reads each with <c>va_arg</c> of the promoted type, so
/// passing anything narrower would leave it reading undefined register or stack bits.
/// </summary>
internal static class VariadicArguments
{
    private static readonly CType s_int = CType.Scalar(CTypeKind.Int32);
    private static readonly CType s_uint = CType.Scalar(CTypeKind.UInt32, "unsigned int");
    private static readonly CType s_long = CType.Scalar(CTypeKind.Int64, "long");
    private static readonly CType s_ulong = CType.Scalar(CTypeKind.UInt64, "unsigned long");
    private static readonly CType s_intptr = CType.Scalar(CTypeKind.IntPtr);
    private static readonly CType s_size = CType.Scalar(CTypeKind.UIntPtr, "size_t");
    private static readonly CType s_double = CType.Scalar(CTypeKind.Double);
    private static readonly CType s_string = CType.PointerTo(CType.Scalar(CTypeKind.Int8, "char", isConst: true));
    private static readonly CType s_pointer = CType.PointerTo(CType.Scalar(CTypeKind.Void));
    private static readonly CType s_function = CType.FunctionPointerTo(new CFunctionSignature(AnyFunction, CType.Scalar(CTypeKind.Void), [], false));

    /// <summary>
    /// The name of the signature a <see cref="NativeCallback"/> in a variadic tail is typed with: C declares nothing
    /// there, so the callback's own signature cannot be checked against one. Not a C identifier, so never a real name.
    /// </summary>
    public const string AnyFunction = "(any function)";

    /// <summary>The promoted C type of a variadic argument of .NET type <paramref name="type"/>; null when it has none.</summary>
    public static CType? TypeOf(Type type)
    {
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }

        if (type == typeof(int) || type == typeof(short) || type == typeof(sbyte) || type == typeof(byte)
            || type == typeof(ushort) || type == typeof(char) || type == typeof(bool))
        {
            return s_int;
        }

        return type == typeof(uint) ? s_uint
            : type == typeof(long) ? s_long
            : type == typeof(ulong) ? s_ulong
            : type == typeof(nint) ? s_intptr
            : type == typeof(nuint) ? s_size
            : type == typeof(double) || type == typeof(float) ? s_double
            : type == typeof(string) ? s_string
            : type == typeof(NativeCallback) ? s_function
            : IsPointer(type) ? s_pointer
            : null;
    }

    /// <summary>The promoted C type of <paramref name="value"/> (null passes a NULL <c>void*</c>); null when it has none.</summary>
    public static CType? TypeOf(object? value) => value is null ? s_pointer : TypeOf(value.GetType());

    /// <summary>Whether a typed stub must widen <paramref name="type"/> to the promoted C type (float, bool, char, small integers).</summary>
    public static bool IsPromoted(Type type)
    {
        if (type.IsEnum)
        {
            type = Enum.GetUnderlyingType(type);
        }

        return type == typeof(float) || type == typeof(bool) || type == typeof(char)
            || type == typeof(short) || type == typeof(ushort) || type == typeof(sbyte) || type == typeof(byte);
    }

    /// <summary>A short key naming the promoted types of a tail, to cache one call plan per shape.</summary>
    public static string KeyOf(ReadOnlySpan<CType> tail)
    {
        var key = new char[tail.Length];
        for (int i = 0; i < tail.Length; i++)
        {
            var type = tail[i];
            key[i] = ReferenceEquals(type, s_int) ? 'i' : ReferenceEquals(type, s_uint) ? 'u'
                : ReferenceEquals(type, s_long) ? 'l' : ReferenceEquals(type, s_ulong) ? 'L'
                : ReferenceEquals(type, s_intptr) ? 'n' : ReferenceEquals(type, s_size) ? 'N'
                : ReferenceEquals(type, s_double) ? 'd' : ReferenceEquals(type, s_string) ? 's'
                : ReferenceEquals(type, s_function) ? 'f' : 'p';
        }

        return new string(key);
    }

    /// <summary>The signature of one call shape: the fixed parameters, then the tail, with nothing variadic left.</summary>
    public static CFunctionSignature Concrete(CFunctionSignature declared, ReadOnlySpan<CType> tail)
    {
        var parameters = new CParameter[declared.Parameters.Count + tail.Length];
        for (int i = 0; i < declared.Parameters.Count; i++)
        {
            parameters[i] = declared.Parameters[i];
        }

        for (int i = 0; i < tail.Length; i++)
        {
            int index = declared.Parameters.Count + i;
            parameters[index] = new CParameter(index, null, tail[i]);
        }

        return declared with { Parameters = parameters, IsVariadic = false };
    }

    private static bool IsPointer(Type type) =>
        type == typeof(NativeBuffer) || type == typeof(NativePointer)
        || (type.IsArray && type.GetArrayRank() == 1 && type.GetElementType()!.IsValueType)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Span<>) || definition == typeof(ReadOnlySpan<>) || definition == typeof(Memory<>)
                || definition == typeof(ReadOnlyMemory<>) || definition == typeof(ArraySegment<>)));
}
