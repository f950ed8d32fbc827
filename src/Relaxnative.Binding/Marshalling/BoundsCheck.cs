using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Relaxnative.Binding;

/// <summary>
/// The buffer/count pairs of one function, checked against the .NET arguments before the call: a <see cref="NativeBuffer"/>,
/// sized <see cref="NativePointer"/>, array or string smaller than count times the element size is refused. Arguments whose
/// size is unknown (an <c>nint</c>, an unsized pointer) pass unchecked. Functions without pairs have no instance, so they
/// pay nothing (BoundsBenchmarks). Immutable; thread-safe.
/// </summary>
internal sealed class BoundsCheck
{
    private readonly Pair[] _pairs;

    private BoundsCheck(Pair[] pairs) => _pairs = pairs;

    private readonly record struct Pair(int Buffer, int Count, long ElementBytes, string Origin);

    /// <summary>The check for <paramref name="pairs"/> of <paramref name="plan"/>; null when no pair can be checked (none, or an element of unknown size).</summary>
    public static BoundsCheck? Create(CallPlan plan, IReadOnlyList<Signatures.CBoundsPair> pairs)
    {
        var usable = new List<Pair>();
        foreach (var pair in pairs)
        {
            var buffer = plan.Parameters[pair.BufferIndex];
            long element = buffer.Type.Pointee is { } pointee ? (pointee.Resolved.Kind == CTypeKind.Void ? 1 : pointee.SizeInBytes) : 0;
            if (element > 0 && !plan.Parameters[pair.CountIndex].IsPointerLike && !usable.Any(p => p.Buffer == pair.BufferIndex && p.Count == pair.CountIndex))
            {
                usable.Add(new Pair(pair.BufferIndex, pair.CountIndex, element, pair.Origin));
            }
        }

        return usable.Count == 0 ? null : new BoundsCheck([.. usable]);
    }

    /// <summary>A key that tells checks apart, for caches of code emitted per shape.</summary>
    public string Key => string.Join(";", _pairs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Buffer}<{p.Count}x{p.ElementBytes}")));

    /// <summary>Refuses the call when a buffer argument is smaller than its count asks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A buffer is too small; the message names both arguments and both sizes.</exception>
    public void Check(CallPlan plan, ReadOnlySpan<object?> args)
    {
        foreach (var pair in _pairs)
        {
            if (pair.Buffer >= args.Length || pair.Count >= args.Length)
            {
                return; // The argument count error comes next, from the call itself.
            }

            long capacity = CapacityOf(args[pair.Buffer]);
            if (capacity >= 0 && CountOf(args[pair.Count]) is { } count)
            {
                Compare(plan, pair, capacity, count);
            }
        }
    }

    /// <summary>The typed path's check of pair <paramref name="index"/>: <paramref name="capacity"/> bytes (-1: unknown) against <paramref name="count"/>.</summary>
    public void Check(CallPlan plan, int index, long capacity, ulong count)
    {
        if (capacity >= 0)
        {
            Compare(plan, _pairs[index], capacity, count);
        }
    }

    /// <summary>For the typed path: the (buffer, count) parameter indices of each pair, in order.</summary>
    public IEnumerable<(int Buffer, int Count)> Indices => _pairs.Select(p => (p.Buffer, p.Count));

    private static void Compare(CallPlan plan, Pair pair, long capacity, ulong count)
    {
        // Multiplying in 128 bits: a huge count must be refused, not wrap around to a small size.
        var needed = (UInt128)count * (ulong)pair.ElementBytes;
        if (needed > (ulong)capacity)
        {
            Throw(plan, pair, capacity, count);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(CallPlan plan, Pair pair, long capacity, ulong count) =>
        BindingErrors.ThrowBufferTooSmall(plan.Signature.Name, plan.Parameters[pair.Buffer].Parameter!, capacity,
            plan.Parameters[pair.Count].Parameter!, count, pair.ElementBytes, pair.Origin);

    /// <summary>The byte size of a buffer argument, or -1 when it is not known.</summary>
    internal static long CapacityOf(object? value) => value switch
    {
        NativeBuffer { IsFreed: false } buffer => buffer.Size,
        NativePointer { Size: > 0, IsValid: true } pointer => pointer.Size,
        Array array when array.GetType().GetElementType()!.IsPrimitive => Buffer.ByteLength(array),
        string text => Encoding.UTF8.GetByteCount(text) + 1,
        _ => -1,
    };

    private static ulong? CountOf(object? value) => value switch
    {
        ulong u => u,
        nuint n => n,
        _ when ArgumentConverter.TryInteger(value, out long l) => (ulong)l,
        _ => null,
    };
}
