using System.Globalization;

namespace Relaxnative.Binding;

/// <summary>Turns the return slot into the .NET value the SPEC type table names.</summary>
internal static unsafe class ReturnConverter
{
    /// <summary>
    /// The boxed result: scalars as their .NET type, <c>_Bool</c> as bool, pointers as <see cref="NativePointer"/>
    /// (<see cref="Ownership.Native"/>) or null for NULL, <c>char*</c> as a copied string (the memory is not freed).
    /// </summary>
    public static object? ToObject(ValuePlan plan, ulong* slot, string? function = null) => plan.Kind switch
    {
        ValueKind.Void => null,
        ValueKind.Bool => *(byte*)slot != 0,
        ValueKind.Int8 => *(sbyte*)slot,
        ValueKind.UInt8 => *(byte*)slot,
        ValueKind.Int16 => *(short*)slot,
        ValueKind.UInt16 => *(ushort*)slot,
        ValueKind.Int32 => BoxedInt32(*(int*)slot),
        ValueKind.UInt32 => *(uint*)slot,
        ValueKind.Int64 => *(long*)slot,
        ValueKind.UInt64 => *slot,
        ValueKind.IntPtr => *(nint*)slot,
        ValueKind.UIntPtr => *(nuint*)slot,
        ValueKind.Float => *(float*)slot,
        ValueKind.Double => *(double*)slot,
        ValueKind.CharPointer when plan.Text == TextForm.None && plan.Frees is null => StubHelpers.ToCString(*(nint*)slot),
        _ when plan.Frees is { } frees => frees.ToObject(plan, *(nint*)slot, function ?? "the function"),
        _ when plan.Text != TextForm.None => NativeText.Decode(plan, *(nint*)slot, function ?? "the function"),
        _ => StubHelpers.ToPointer(*(nint*)slot),
    };

    /// <summary>
    /// The boxed value of a scalar result slot (void, bool, integers, floating point), as <see cref="ToObject"/> gives
    /// it; for results that arrive as a plain value, such as from the helper process.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="plan"/> is a pointer kind, whose meaning depends on where the call ran.</exception>
    public static object? ScalarToObject(ValuePlan plan, ulong slot)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.IsPointerLike)
        {
            throw new ArgumentException($"'{plan.Type.Description}' is a pointer; convert pointer results where their memory lives.", nameof(plan));
        }

        return ToObject(plan, &slot);
    }

    // Small int results are boxed once and reused (as Java caches Integer), so the common untyped call of a
    // function returning a status code or small count allocates nothing. See CallBenchmarks.Untyped_Add.
    private const int CachedMin = -128;
    private const int CachedMax = 1023;
    private static readonly object[] s_boxedInts = [.. Enumerable.Range(CachedMin, CachedMax - CachedMin + 1).Select(i => (object)i)];

    internal static object BoxedInt32(int value) =>
        (uint)(value - CachedMin) <= CachedMax - CachedMin ? s_boxedInts[value - CachedMin] : value;

    /// <summary>
    /// The result as <typeparamref name="T"/>. Asking for <see cref="NativePointer"/> or <see cref="nint"/> from a
    /// <c>char*</c> function gives the pointer instead of a string (for memory the caller must free, like strdup's).
    /// Numeric results convert to other numeric types when the value fits.
    /// </summary>
    /// <exception cref="InvalidCastException">The result cannot be represented as <typeparamref name="T"/>.</exception>
    public static T To<T>(ValuePlan plan, ulong* slot, string function)
    {
        if (plan.Frees is { } frees)
        {
            return frees.To<T>(plan, *(nint*)slot, function);
        }

        if (plan.IsPointerLike)
        {
            nint address = *(nint*)slot;
            if (typeof(T) == typeof(nint))
            {
                return (T)(object)address;
            }

            if (typeof(T) == typeof(NativePointer))
            {
                return (T)(object)StubHelpers.ToPointer(address)!;
            }
        }

        return Convert<T>(plan, ToObject(plan, slot, function), function);
    }

    /// <summary>Converts an already boxed result (from <see cref="ToObject"/>, or from another process) to <typeparamref name="T"/>.</summary>
    /// <exception cref="InvalidCastException">The result cannot be represented as <typeparamref name="T"/>.</exception>
    public static T Convert<T>(ValuePlan plan, object? value, string function)
    {
        if (value is NativePointer pointer && typeof(T) == typeof(nint))
        {
            return (T)(object)pointer.DangerousGetAddress();
        }

        if (value is T typed)
        {
            return typed;
        }

        // nint and nuint are not IConvertible; widen them to their 64-bit equivalents first.
        value = value switch
        {
            nint n => (long)n,
            nuint u => (ulong)u,
            _ => value,
        };
        if (value is not null && value.GetType().IsPrimitive && (typeof(T).IsPrimitive || typeof(T) == typeof(decimal)))
        {
            try
            {
                if (typeof(T) == typeof(nint))
                {
                    return (T)(object)(nint)System.Convert.ToInt64(value, CultureInfo.InvariantCulture);
                }

                if (typeof(T) == typeof(nuint))
                {
                    return (T)(object)(nuint)System.Convert.ToUInt64(value, CultureInfo.InvariantCulture);
                }

                return (T)System.Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
            }
            catch (OverflowException e)
            {
                throw new InvalidCastException(CastMessage<T>(plan, value, function), e);
            }
        }

        if (value is null && !typeof(T).IsValueType)
        {
            return default!;
        }

        throw new InvalidCastException(CastMessage<T>(plan, value, function));
    }

    private static string CastMessage<T>(ValuePlan plan, object? value, string function) =>
        $"'{function}' returned C '{plan.Type.Description}' ({BindingErrors.Describe(value)}), which cannot be read as {typeof(T).Name}. " +
        "Ask for the type the SPEC table gives, or a numeric type the value fits.";
}
