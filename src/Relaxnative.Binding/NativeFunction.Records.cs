using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using Relaxnative.Binding;

namespace Relaxnative;

public sealed unsafe partial class NativeFunction
{
    // Bytes of scratch memory the records of one untyped call need (each rounded to 16), or -1 when the signature
    // passes no record: the plain paths then run untouched.
    private readonly int _recordBytes;

    private static int RecordScratchBytes(CallPlan plan)
    {
        int bytes = plan.Return.Kind == ValueKind.Record ? (plan.Return.Layout!.Size + 15) & ~15 : 0;
        bool any = bytes > 0;
        foreach (var parameter in plan.Parameters)
        {
            if (parameter.Kind == ValueKind.Record)
            {
                bytes += (parameter.Layout!.Size + 15) & ~15;
                any = true;
            }
        }

        return any ? bytes : -1;
    }

    /// <summary>
    /// The untyped call of a signature with records by value: each record argument is copied into scratch memory (from a
    /// C# struct whose layout is checked, a <see cref="NativeStruct"/>, or exactly sizeof bytes) whose address goes in its
    /// slot; the emitted invoker loads it as the emitted record type, so the JIT passes it as the C ABI requires.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private object? InvokeWithRecords(ReadOnlySpan<object?> args, Type? resultType)
    {
        var parameters = _parameters;
        if (args.Length != parameters.Length)
        {
            BindingErrors.ThrowArgumentCount(Signature, args.Length);
        }

        ulong* slots = stackalloc ulong[parameters.Length + 1];
        var scope = default(CallScope);
        try
        {
            var scratch = (byte*)NativeMemory.AllocZeroed((nuint)Math.Max(_recordBytes, 1));
            scope.AddNativeTemp((nint)scratch);
            var at = 0;
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                if (parameter.Kind == ValueKind.Record)
                {
                    WriteRecord(parameter, args[i], new Span<byte>(scratch + at, parameter.Layout!.Size));
                    slots[i] = (ulong)(scratch + at);
                    at += (parameter.Layout.Size + 15) & ~15;
                }
                else
                {
                    ArgumentConverter.ToSlot(Name, parameter, args[i], slots + i, ref scope);
                }
            }

            slots[parameters.Length] = (ulong)(scratch + at);
            ThrowIfDisposed();
            var invoker = _invoker ??= RawInvokerEmitter.Emit(_plan);
            invoker(_address, slots);
            scope.ThrowPendingCallbackException();
            return _plan.Return.Kind == ValueKind.Record
                ? ReadRecord(_plan.Return, new ReadOnlySpan<byte>(scratch + at, _plan.Return.Layout!.Size), resultType)
                : ReturnConverter.ToObject(_plan.Return, slots);
        }
        finally
        {
            scope.Dispose();
        }
    }

    /// <summary>
    /// Writes a record argument's bytes into <paramref name="destination"/> (exactly sizeof): the one place that decides
    /// which .NET values stand for a record, for this process and for the helper's shared memory alike.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal void WriteRecord(ValuePlan plan, object? value, Span<byte> destination)
    {
        var layout = plan.Layout!;
        switch (value)
        {
            case NativeStruct record when record.Layout.Size == layout.Size && record.Layout.Name == layout.Name:
                record.CopyTo(destination);
                return;
            case NativeBuffer buffer when buffer.Size == layout.Size:
                buffer.AsSpan().CopyTo(destination);
                return;
            case byte[] bytes when bytes.Length == layout.Size:
                bytes.CopyTo(destination);
                return;
            case ReadOnlyMemory<byte> memory when memory.Length == layout.Size:
                memory.Span.CopyTo(destination);
                return;
            case Memory<byte> memory when memory.Length == layout.Size:
                memory.Span.CopyTo(destination);
                return;
            case ValueType when value.GetType() is { IsPrimitive: false, IsEnum: false } type && !type.IsGenericType:
                if (LayoutCheck.Problem(type, layout) is { } problem)
                {
                    throw new NativeLayoutMismatchException(layout.Name, type,
                        BindingErrors.BadArgument(Name, plan.Parameter!, plan.Expected, value, problem));
                }

                fixed (byte* target = destination)
                {
                    Marshal.StructureToPtr(value, (nint)target, fDeleteOld: false);
                }

                return;
            default:
                var detail = value switch
                {
                    NativeStruct other => $"The NativeStruct is '{other.Layout.Name}' ({other.Layout.Size} bytes).",
                    NativeBuffer buffer => $"The buffer is {buffer.Size} bytes; pass exactly {layout.Size}.",
                    byte[] bytes => $"The array is {bytes.Length} bytes; pass exactly {layout.Size}.",
                    _ => null,
                };
                BindingErrors.ThrowBadArgument(Name, plan.Parameter!, plan.Expected, value, detail);
                return;
        }
    }

    /// <summary>A record result as <paramref name="resultType"/> asks: <c>byte[]</c>, a layout-checked C# struct, or (otherwise) a <see cref="NativeStruct"/> copy.</summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    internal static object ReadRecord(ValuePlan plan, ReadOnlySpan<byte> bytes, Type? resultType)
    {
        var layout = plan.Layout!;
        if (resultType == typeof(byte[]))
        {
            return bytes.ToArray();
        }

        if (resultType is { IsValueType: true, IsPrimitive: false, IsEnum: false } type && type != typeof(nint))
        {
            LayoutCheck.Require(type, layout);
            fixed (byte* source = bytes)
            {
                return Marshal.PtrToStructure((nint)source, type)!;
            }
        }

        return NativeStruct.Copy(layout, bytes);
    }

    /// <summary>
    /// Converts a result that came back boxed (from another process or a worker) to <typeparamref name="T"/>: a record
    /// arrives as a <see cref="NativeStruct"/> and becomes the caller's struct (layout-checked) or bytes, exactly as a
    /// call in this process returns it.
    /// </summary>
    [RequiresDynamicCode(CodeGeneration.Calls)]
    [RequiresUnreferencedCode(CodeGeneration.Calls)]
    private T ConvertResult<T>(object? value) =>
        value is NativeStruct record && _plan.Return.Kind == ValueKind.Record && typeof(T) != typeof(NativeStruct) && typeof(T) != typeof(object)
            ? ReturnConverter.Convert<T>(_plan.Return, ReadRecord(_plan.Return, record.ToArray(), typeof(T)), Name)
            : ReturnConverter.Convert<T>(_plan.Return, value, Name);
}
