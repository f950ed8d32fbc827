using System.Text.Json.Serialization;
using Relaxnative.Signatures;

namespace Relaxnative;

/// <summary>The stored form of one definition's <see cref="FunctionAnnotations"/>.</summary>
internal sealed record StoredAnnotation(ExecutionMode? Mode, NativeCost Cost, bool IsTrivial, string? Problem);

/// <summary>Source-generated JSON for what the facade stores in cache entries.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault, UseStringEnumConverter = true)]
[JsonSerializable(typeof(Dictionary<string, StoredAnnotation>))]
internal sealed partial class LoadingJsonContext : JsonSerializerContext;
