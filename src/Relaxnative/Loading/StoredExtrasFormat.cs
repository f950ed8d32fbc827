using Relaxnative.Build;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>
/// The binary form of what <see cref="StoredDeclarations"/> keeps beside the model: the annotations of each definition,
/// the names of skipped declarations written <c>static</c>, the compiler's measurements of each record and why records
/// could not be measured. A <see cref="SealedFile"/>, so a damaged section reads as <see langword="null"/>, never throws.
/// </summary>
internal static class StoredExtrasFormat
{
    private const int Version = 1;

    private static ReadOnlySpan<byte> Magic => "RNDX"u8;

    public static byte[] Write(StoredDeclarations stored) => SealedFile.Write(Magic, Version, w =>
    {
        w.Count(stored.Annotations.Count);
        foreach (var (name, annotations) in stored.Annotations)
        {
            w.String(name);
            WriteAnnotations(w, annotations);
        }

        w.Strings([.. stored.InternalNames]);
        w.Count(stored.Probes.Count);
        foreach (var (name, probe) in stored.Probes)
        {
            w.String(name);
            w.Count(probe.Numbers.Length);
            foreach (var number in probe.Numbers)
            {
                w.ULong(number);
            }

            w.Count(probe.Bits.Length);
            foreach (var bits in probe.Bits)
            {
                w.Bytes(bits);
            }
        }

        w.OptionalString(stored.LayoutProblem);
    });

    /// <summary>The declarations of <paramref name="model"/> with the extras in <paramref name="bytes"/>, or <see langword="null"/> when those are damaged or of another version.</summary>
    public static StoredDeclarations? TryRead(byte[] bytes, CDeclarationModel model) => SealedFile.TryRead(bytes, Magic, Version, r =>
    {
        var annotations = new Dictionary<string, FunctionAnnotations>(StringComparer.Ordinal);
        for (var count = r.Count(); count > 0; count--)
        {
            annotations[r.String()] = ReadAnnotations(r);
        }

        var internalNames = new HashSet<string>(r.Strings(), StringComparer.Ordinal);
        var probes = new Dictionary<string, ProbedRecord>(StringComparer.Ordinal);
        for (var count = r.Count(); count > 0; count--)
        {
            var name = r.String();
            var numbers = new ulong[r.Count()];
            for (var i = 0; i < numbers.Length; i++)
            {
                numbers[i] = r.ULong();
            }

            var bits = new byte[r.Count()][];
            for (var i = 0; i < bits.Length; i++)
            {
                bits[i] = r.Bytes();
            }

            probes[name] = new ProbedRecord(numbers, bits);
        }

        return new StoredDeclarations(model, annotations, internalNames) { Probes = probes, LayoutProblem = r.OptionalString() };
    });

    private static void WriteAnnotations(SealedWriter w, FunctionAnnotations annotations)
    {
        // The mode as 0 (none) or 1 + its value; read back only if it names a defined member.
        w.Count(annotations.Mode is { } mode ? (int)mode + 1 : 0);
        w.Count((int)annotations.Cost);
        w.Bool(annotations.IsTrivial);
        w.OptionalString(annotations.Problem);
        w.Count(annotations.Bounds.Count);
        foreach (var (buffer, count) in annotations.Bounds)
        {
            w.String(buffer);
            w.String(count);
        }

        w.OptionalString(annotations.Frees);
    }

    private static FunctionAnnotations ReadAnnotations(SealedReader r)
    {
        var mode = r.Count() switch
        {
            0 => (ExecutionMode?)null,
            1 => ExecutionMode.Sync,
            2 => ExecutionMode.Async,
            var other => throw new InvalidDataException($"{other - 1} is not an execution mode."),
        };
        var cost = r.Count() is var c && c <= (int)NativeCost.High ? (NativeCost)c : throw new InvalidDataException($"{c} is not a cost.");
        var isTrivial = r.Bool();
        var problem = r.OptionalString();
        var bounds = new (string Buffer, string Count)[r.Count()];
        for (var i = 0; i < bounds.Length; i++)
        {
            bounds[i] = (r.String(), r.String());
        }

        return new FunctionAnnotations(mode, cost, isTrivial, problem) { Bounds = bounds, Frees = r.OptionalString() };
    }
}
