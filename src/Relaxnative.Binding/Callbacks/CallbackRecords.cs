using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// Records by value in callbacks. Native code passes and expects the emitted record type of the C layout
/// (<see cref="RecordTypes"/>), which the JIT classifies for System V exactly as the C compiler does; the handler sees
/// its own C# struct (layout-checked when the callback is made), a <see cref="NativeStruct"/> or a <c>byte[]</c>. Between
/// the two, the thunk hands over the record's bytes, so nothing here depends on how either type is laid out beyond the
/// checked offsets. Thread-safe.
/// </summary>
internal static class CallbackRecords
{
    private static readonly ConcurrentDictionary<Type, Func<byte[], object>> s_readers = new();
    private static readonly ConcurrentDictionary<Type, Func<object, byte[]>> s_writers = new();

    /// <summary>
    /// Every reason <paramref name="handler"/> cannot take or return the records of <paramref name="plan"/>: a record
    /// parameter or result must be a C# struct with the C layout, a <see cref="NativeStruct"/>, a <c>byte[]</c>, or
    /// <see cref="object"/> (a <see cref="NativeStruct"/> arrives; any of the others may be returned).
    /// </summary>
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static List<string> Problems(CallPlan plan, MethodInfo handler)
    {
        var problems = new List<string>();
        var parameters = handler.GetParameters();
        for (var i = 0; i < Math.Min(parameters.Length, plan.Parameters.Count); i++)
        {
            if (plan.Parameters[i].Kind == ValueKind.Record && Problem(plan.Parameters[i], parameters[i].ParameterType) is { } problem)
            {
                problems.Add($"parameter {i + 1} ('{parameters[i].Name}'): {problem}");
            }
        }

        if (plan.Return.Kind == ValueKind.Record && Problem(plan.Return, handler.ReturnType) is { } returned)
        {
            problems.Add("the return value: " + returned);
        }

        return problems;
    }

    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    private static string? Problem(ValuePlan plan, Type type) =>
        type == typeof(NativeStruct) || type == typeof(byte[]) || type == typeof(object) ? null
        : type.IsValueType && !type.IsPrimitive && !type.IsEnum && !type.IsGenericType ? LayoutCheck.Problem(type, plan.Layout!)
        : $"it is {type.Name}, but C '{plan.Type.Spelling}' is a record passed by value: use a C# struct laid out as '{plan.Layout!.Name}' " +
            $"({plan.Layout.Size} bytes), NativeStruct, or byte[].";

    /// <summary>Called by the emitted thunk: a copy of the <paramref name="size"/> bytes of a record argument.</summary>
    internal static unsafe byte[] Copy(byte* record, int size) => new ReadOnlySpan<byte>(record, size).ToArray();

    /// <summary>A record argument's bytes as the handler's parameter type wants them.</summary>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static object FromAbi(ValuePlan plan, byte[] bytes, Type wanted) =>
        wanted == typeof(byte[]) ? bytes
        : wanted == typeof(NativeStruct) || wanted == typeof(object) ? NativeStruct.Copy(plan.Layout!, bytes)
        : s_readers.GetOrAdd(wanted, static type => Accessor<Func<byte[], object>>(nameof(Read), type))(bytes);

    /// <summary>
    /// The bytes of the handler's record result, exactly sizeof the C record, for the thunk to return as the record type.
    /// </summary>
    /// <exception cref="ArgumentException">The handler returned a value that does not hold the record.</exception>
    /// <exception cref="NativeLayoutMismatchException">The handler returned a struct whose layout differs from C's.</exception>
    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    internal static byte[] ToAbi(ValuePlan plan, string callback, object? result)
    {
        var layout = plan.Layout!;
        switch (result)
        {
            case NativeStruct record when record.Layout.Size == layout.Size && record.Layout.Name == layout.Name:
                var bytes = new byte[layout.Size];
                record.CopyTo(bytes);
                return bytes;
            case byte[] array when array.Length == layout.Size:
                return array;
            case ValueType when result.GetType() is { IsPrimitive: false, IsEnum: false, IsGenericType: false } type:
                LayoutCheck.Require(type, layout);
                return s_writers.GetOrAdd(type, static type => Accessor<Func<object, byte[]>>(nameof(Write), type))(result);
            default:
                throw new ArgumentException(BindingErrors.CallbackRecordResult(callback, layout, result));
        }
    }

    /// <summary>What a handler that threw returns to native code: a zeroed record.</summary>
    internal static byte[] Zeroed(ValuePlan plan) => new byte[plan.Layout!.Size];

    [RequiresDynamicCode(CodeGeneration.Callbacks)]
    [RequiresUnreferencedCode(CodeGeneration.Callbacks)]
    private static TDelegate Accessor<TDelegate>(string name, Type type) where TDelegate : Delegate =>
        typeof(CallbackRecords).GetMethod(name, BindingFlags.Static | BindingFlags.NonPublic)!.MakeGenericMethod(type).CreateDelegate<TDelegate>();

    // Only ever instantiated with types the layout check accepted: blittable structs of exactly the record's size.
    private static object Read<T>(byte[] bytes) where T : struct => MemoryMarshal.Read<T>(bytes);

    private static byte[] Write<T>(object value) where T : struct
    {
        var typed = (T)value;
        return MemoryMarshal.AsBytes(new ReadOnlySpan<T>(in typed)).ToArray();
    }
}
