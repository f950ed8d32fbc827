using System.Text.Json.Serialization;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>The stored form of one definition's <see cref="FunctionAnnotations"/>.</summary>
internal sealed record StoredAnnotation(ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, string? Problem);

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
