using System.Globalization;

namespace Relaxnative.Binding;

/// <summary>
/// Whether a <see cref="NativeCallback"/> made for one C signature may be passed where C expects another: native code
/// calls the pointer with the parameter's signature, so the two must agree in what the calling convention sees (the
/// count of parameters, and each value's class and size: integers of a width, float, double, any pointer, a record's
/// shape). Names, constness, signedness and pointee types do not change how a call passes its values.
/// </summary>
internal static class CallbackCompatibility
{
    /// <summary>How <paramref name="callback"/> differs from <paramref name="expected"/> at the machine level, or null when it does not.</summary>
    public static string? Difference(CallPlan callback, CallPlan expected)
    {
        if (callback.Parameters.Count != expected.Parameters.Count)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"it takes {callback.Parameters.Count} parameter(s) where C passes {expected.Parameters.Count}");
        }

        for (int i = 0; i < expected.Parameters.Count; i++)
        {
            if (!SameClass(callback.Parameters[i], expected.Parameters[i]))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"its parameter {i + 1} is '{callback.Parameters[i].Type.Spelling}' where C passes '{expected.Parameters[i].Type.Spelling}'");
            }
        }

        return SameClass(callback.Return, expected.Return)
            ? null
            : $"it returns '{callback.Return.Type.Spelling}' where C expects '{expected.Return.Type.Spelling}'";
    }

    private static bool SameClass(ValuePlan a, ValuePlan b) =>
        a.Kind == ValueKind.Record || b.Kind == ValueKind.Record
            ? a.Kind == b.Kind && a.RecordType == b.RecordType
            : Class(a.Kind) == Class(b.Kind);

    // Integer classes by width (signedness and bool do not change the register or its width on the supported ABIs);
    // pointers are 64-bit integers to the calling convention of every supported (64-bit) platform.
    private static int Class(ValueKind kind) => kind switch
    {
        ValueKind.Void => 0,
        ValueKind.Bool or ValueKind.Int8 or ValueKind.UInt8 => 1,
        ValueKind.Int16 or ValueKind.UInt16 => 2,
        ValueKind.Int32 or ValueKind.UInt32 => 4,
        ValueKind.Float => 100,
        ValueKind.Double => 101,
        _ => 8, // 64-bit integers, IntPtr, and every pointer kind
    };
}
