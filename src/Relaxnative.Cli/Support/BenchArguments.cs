using System.Runtime.InteropServices;
using Relaxnative.Binding;

namespace Relaxnative.Cli.Support;

/// <summary>
/// Arguments synthesised from a signature for <c>bench</c>: each pointer gets a <see cref="NativeBuffer"/> of
/// <c>--size</c> elements of its pointee type filled with a pattern; an integer right after a pointer gets the element
/// count; other scalars come from <c>--args</c> in order, else 1. Owns the buffers until disposed.
/// </summary>
internal sealed class BenchArguments : IDisposable
{
    // Buffers are never smaller than this many elements, so an output table indexed by a byte (histogram bins) fits.
    private static readonly long s_minimumElements = 256;

    private readonly List<NativeBuffer> _buffers = [];

    private BenchArguments(object?[] values, long count)
    {
        Values = values;
        Count = count;
    }

    /// <summary>The argument values, in parameter order.</summary>
    public object?[] Values { get; }

    /// <summary>The element count passed to integer parameters that follow a pointer.</summary>
    public long Count { get; }

    /// <summary>The buffer passed as argument <paramref name="index"/>.</summary>
    public NativeBuffer Buffer(int index) => (NativeBuffer)Values[index]!;

    /// <summary>Synthesises the arguments of <paramref name="function"/>.</summary>
    /// <param name="function">The function to call.</param>
    /// <param name="size">Elements per buffer.</param>
    /// <param name="count">The value for integers after a pointer (usually <paramref name="size"/>; the matrix order for matmul).</param>
    /// <param name="scalars">Values for the other scalar parameters, in order.</param>
    /// <exception cref="CliException">A parameter cannot be synthesised, or a scalar does not parse.</exception>
    public static BenchArguments Create(NativeFunction function, long size, long count, IReadOnlyList<string> scalars)
    {
        var plan = function.Plan;
        var values = new object?[plan.Parameters.Count];
        var arguments = new BenchArguments(values, count);
        int nextScalar = 0;
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                var parameter = plan.Parameters[i];
                bool afterPointer = i > 0 && plan.Parameters[i - 1].IsPointerLike;
                values[i] = parameter.Kind switch
                {
                    ValueKind.Pointer or ValueKind.CharPointer => arguments.Allocate(parameter, size),
                    ValueKind.PointerTable or ValueKind.FunctionPointer => throw CliException.Usage(
                        $"Parameter {i + 1} ('{parameter.Parameter!.Name}') of '{function.Name}' is C '{parameter.Type}'; bench synthesises only data pointers and scalars.",
                        "Measure this function from C# with BenchmarkDotNet (see bench/)."),
                    _ when afterPointer && IsInteger(parameter.Kind) => ArgumentParsing.ToKind(count, parameter.Kind),
                    _ when nextScalar < scalars.Count => ArgumentParsing.Parse(scalars[nextScalar++], parameter, function.Name),
                    _ => ArgumentParsing.ToKind(1, parameter.Kind),
                };
            }
        }
        catch
        {
            arguments.Dispose();
            throw;
        }

        return arguments;
    }

    /// <summary>Frees every buffer.</summary>
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }

    private static bool IsInteger(ValueKind kind) => kind is >= ValueKind.Int8 and <= ValueKind.UIntPtr;

    private NativeBuffer Allocate(ValuePlan parameter, long size)
    {
        var element = parameter.PointeeElementType ?? typeof(byte);
        int elementSize = element == typeof(bool) ? 1 : Marshal.SizeOf(element);
        long elements = Math.Max(size, s_minimumElements);
        var buffer = Native.Alloc(elements * elementSize);
        _buffers.Add(buffer);
        Fill(buffer, element, elementSize, (int)Math.Min(elements, int.MaxValue));
        if (parameter.Kind == ValueKind.CharPointer)
        {
            // Character data stays a valid C string.
            buffer.AsSpan()[^1] = 0;
        }

        return buffer;
    }

    private static void Fill(NativeBuffer buffer, Type element, int elementSize, int elements)
    {
        if (element == typeof(float))
        {
            var span = buffer.AsSpan<float>(0, elements);
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (i % 17) * 0.25f;
            }

            return;
        }

        if (element == typeof(double))
        {
            var span = buffer.AsSpan<double>(0, elements);
            for (int i = 0; i < span.Length; i++)
            {
                span[i] = (i % 17) * 0.25;
            }

            return;
        }

        // Integers: element i holds i * 31 + 7 in its low byte (little-endian), small enough for any width.
        var bytes = buffer.AsSpan();
        bytes.Clear();
        for (int i = 0; i < elements; i++)
        {
            bytes[i * elementSize] = element == typeof(bool) ? (byte)(i & 1) : (byte)(i * 31 + 7);
        }
    }
}
