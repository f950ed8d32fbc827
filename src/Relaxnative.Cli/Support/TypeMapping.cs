using Relaxnative.Binding;

namespace Relaxnative.Cli.Support;

/// <summary>The .NET types a C value maps to, in words, derived from the binder's own <see cref="CallPlan"/>.</summary>
internal static class TypeMapping
{
    /// <summary>What a parameter accepts from .NET, e.g. <c>int</c> or <c>NativeBuffer | NativePointer | double[] | nint</c>.</summary>
    public static string Accepts(ValuePlan plan) => plan.Kind switch
    {
        ValueKind.CharPointer when plan.Type.IsCString => "string | NativeBuffer | NativePointer | byte[] | nint",
        ValueKind.CharPointer => "NativeBuffer | NativePointer | byte[] | nint",
        ValueKind.PointerTable => "NativeBuffer | NativePointer[] | NativeBuffer[] | nint[]",
        ValueKind.FunctionPointer => "delegate | NativeCallback | NativePointer | nint",
        ValueKind.Record => $"struct ({plan.Layout!.Size} bytes) | NativeStruct | byte[{plan.Layout.Size}]",
        ValueKind.Pointer => "NativeBuffer | NativePointer | " + (plan.PointeeElementType is { } element ? Keyword(element) + "[]" : "unmanaged[]") + " | nint",
        _ => Keyword(plan.AbiType == typeof(byte) && plan.Kind == ValueKind.Bool ? typeof(bool) : plan.AbiType),
    };

    /// <summary>What a return value comes back as: a scalar type, <c>string</c>, <c>NativePointer</c> or <c>void</c>.</summary>
    public static string Returns(ValuePlan plan) => plan.Kind switch
    {
        ValueKind.Void => "void",
        ValueKind.Bool => "bool",
        ValueKind.CharPointer => "string",
        ValueKind.Pointer or ValueKind.PointerTable or ValueKind.FunctionPointer => "NativePointer",
        ValueKind.Record => "NativeStruct",
        _ => Keyword(plan.AbiType),
    };

    /// <summary>The C# keyword of a type where there is one.</summary>
    public static string Keyword(Type type) => type switch
    {
        _ when type == typeof(bool) => "bool",
        _ when type == typeof(sbyte) => "sbyte",
        _ when type == typeof(byte) => "byte",
        _ when type == typeof(short) => "short",
        _ when type == typeof(ushort) => "ushort",
        _ when type == typeof(int) => "int",
        _ when type == typeof(uint) => "uint",
        _ when type == typeof(long) => "long",
        _ when type == typeof(ulong) => "ulong",
        _ when type == typeof(nint) => "nint",
        _ when type == typeof(nuint) => "nuint",
        _ when type == typeof(float) => "float",
        _ when type == typeof(double) => "double",
        _ when type == typeof(void) => "void",
        _ => type.Name,
    };
}
