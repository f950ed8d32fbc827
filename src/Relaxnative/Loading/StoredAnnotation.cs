using System.Text.Json.Serialization;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>The stored form of one definition's <see cref="FunctionAnnotations"/>.</summary>
internal sealed record StoredAnnotation(ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, string? Problem, List<string[]>? Bounds = null, string? Frees = null)
{
    /// <summary>The stored form of <paramref name="annotations"/>.</summary>
    public static StoredAnnotation From(FunctionAnnotations annotations) =>
        new(annotations.Mode, annotations.Cost, annotations.IsTrivial, annotations.Problem,
            annotations.Bounds.Count == 0 ? null : [.. annotations.Bounds.Select(b => new[] { b.Buffer, b.Count })], annotations.Frees);

    /// <summary>The annotations this stores.</summary>
    public FunctionAnnotations ToAnnotations() =>
        new(Mode, Cost, IsTrivial, Problem) { Bounds = Bounds is null ? [] : [.. Bounds.Where(b => b.Length == 2).Select(b => (b[0], b[1]))], Frees = Frees };
}

/// <summary>
/// What the facade stores beside the model: annotations per function, the names of skipped declarations written
/// <c>static</c>, the compiler's measurements of each record (by C name) and why records could not be measured.
/// </summary>
internal sealed record StoredExtras(Dictionary<string, StoredAnnotation> Annotations, List<string> Internal)
{
    public Dictionary<string, ProbedRecord>? Layouts { get; init; }

    public string? LayoutProblem { get; init; }
}

/// <summary>Source-generated JSON for what the facade stores in cache entries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UseStringEnumConverter = true)]
[JsonSerializable(typeof(StoredExtras))]
internal sealed partial class LoadingJsonContext : JsonSerializerContext;
