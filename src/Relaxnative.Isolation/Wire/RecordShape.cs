using System.Globalization;
using Relaxnative.Binding;
using Relaxnative.Signatures;

namespace Relaxnative.Isolation.Wire;

/// <summary>
/// What the helper needs to know of a struct or union passed or returned by value: its size and alignment and its
/// scalars (offset, size, float or integer), which are what decide how the System V ABI passes it. The helper has no
/// declarations and no compiler; it rebuilds a layout from these leaves and plans the call with the same emitted
/// per-shape value type the untyped path of this process uses (<see cref="RecordTypes"/>), so both processes pass the
/// record alike. Field names stay here: the helper never reads a field.
/// </summary>
/// <param name="Position">The parameter index, or -1 for the return value.</param>
/// <param name="Size">sizeof the record, in bytes.</param>
/// <param name="Alignment">_Alignof the record, in bytes.</param>
/// <param name="Leaves">The record's scalars, as <see cref="RecordLeaves.Of(CLayout)"/> flattens them.</param>
internal sealed record RecordShape(int Position, int Size, int Alignment, IReadOnlyList<RecordLeaf> Leaves)
{
    /// <summary>The position of the return value.</summary>
    public const int Return = -1;

    /// <summary>The shapes of every record <paramref name="plan"/> passes or returns by value; empty for most functions.</summary>
    public static RecordShape[] Of(CallPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var shapes = new List<RecordShape>();
        for (var i = 0; i < plan.Parameters.Count; i++)
        {
            if (plan.Parameters[i].Layout is { } layout && plan.Parameters[i].Kind == ValueKind.Record)
            {
                shapes.Add(From(i, layout));
            }
        }

        if (plan.Return.Kind == ValueKind.Record && plan.Return.Layout is { } returned)
        {
            shapes.Add(From(Return, returned));
        }

        return [.. shapes];
    }

    /// <summary>
    /// <paramref name="signature"/> with every record by value renamed <c>struct relaxnative_record_&lt;position&gt;</c>: the
    /// helper parses the declaration without the module's typedefs, and finds each record's shape under that name.
    /// </summary>
    public static CFunctionSignature WithPlaceholders(CFunctionSignature signature, IReadOnlyList<RecordShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(shapes);
        if (shapes.Count == 0)
        {
            return signature;
        }

        var parameters = signature.Parameters
            .Select((p, i) => shapes.Any(s => s.Position == i) ? p with { Type = Placeholder(i) } : p)
            .ToArray();
        var returned = shapes.Any(s => s.Position == Return) ? Placeholder(Return) : signature.ReturnType;
        return signature with { ReturnType = returned, Parameters = parameters };
    }

    /// <summary>
    /// <paramref name="signature"/> with every function pointer and every pointer to a struct or union (at any depth)
    /// written as <c>void*</c> (keeping its own constness). The helper only passes such values on as addresses, and
    /// their own spelling cannot always cross as text: an anonymous record resolves to a name no parser accepts, and a
    /// function pointer's signature may name records only this process knows.
    /// </summary>
    public static CFunctionSignature WithOpaquePointers(CFunctionSignature signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var parameters = signature.Parameters.Select(p => p with { Type = Opaque(p.Type) }).ToArray();
        return signature with { ReturnType = Opaque(signature.ReturnType), Parameters = parameters };
    }

    private static CType Opaque(CType type)
    {
        if (type.Kind == CTypeKind.FunctionPointer)
        {
            return CType.PointerTo(CType.Scalar(CTypeKind.Void), type.IsConst);
        }

        var innermost = type;
        while (innermost.Kind == CTypeKind.Pointer && innermost.Pointee is { } pointee)
        {
            innermost = pointee;
        }

        return ReferenceEquals(innermost, type) || innermost.Kind is not (CTypeKind.Struct or CTypeKind.FunctionPointer)
            ? type
            : CType.PointerTo(CType.Scalar(CTypeKind.Void), type.IsConst);
    }

    /// <summary>In the helper: the layouts of <paramref name="shapes"/>, found under their placeholder names.</summary>
    public static CLayoutTable? Table(IReadOnlyList<RecordShape> shapes)
    {
        ArgumentNullException.ThrowIfNull(shapes);
        return shapes.Count == 0 ? null : CLayoutTable.Of(shapes.ToDictionary(s => "struct " + Tag(s.Position), s => s.ToLayout(), StringComparer.Ordinal));
    }

    /// <summary>
    /// A layout with one field per leaf, of the scalar type the leaf stands for: float, double, or an unsigned integer of
    /// its width (a bitfield's odd-sized storage becomes bytes, as <see cref="RecordTypes"/> would split it anyway).
    /// </summary>
    public CLayout ToLayout()
    {
        var fields = new List<CField>(Leaves.Count);
        for (var i = 0; i < Leaves.Count; i++)
        {
            var leaf = Leaves[i];
            var name = "f" + i.ToString(CultureInfo.InvariantCulture);
            var kind = (leaf.IsFloat, leaf.Size) switch
            {
                (true, 4) => CTypeKind.Float,
                (true, _) => CTypeKind.Double,
                (false, 1) => CTypeKind.UInt8,
                (false, 2) => CTypeKind.UInt16,
                (false, 4) => CTypeKind.UInt32,
                (false, 8) => CTypeKind.UInt64,
                _ => CTypeKind.Void,
            };
            fields.Add(kind == CTypeKind.Void
                ? new CField(name, CType.Scalar(CTypeKind.UInt8), leaf.Offset, leaf.Size, 1, leaf.Size, null, null, null)
                : new CField(name, CType.Scalar(kind), leaf.Offset, leaf.Size, leaf.Size, null, null, null, null));
        }

        return new CLayout("struct " + Tag(Position), isUnion: false, Size, Alignment, fields);
    }

    private static RecordShape From(int position, CLayout layout) => new(position, layout.Size, layout.Alignment, RecordLeaves.Of(layout));

    private static CType Placeholder(int position) => CType.Named(CTypeKind.Struct, Tag(position), "struct " + Tag(position));

    private static string Tag(int position) =>
        position == Return ? "relaxnative_record_result" : "relaxnative_record_" + position.ToString(CultureInfo.InvariantCulture);
}
