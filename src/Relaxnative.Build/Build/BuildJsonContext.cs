using System.Text.Json.Serialization;

namespace Relaxnative.Build;

/// <summary>Source-generated JSON for manifests: no reflection on the warm path.</summary>
[JsonSourceGenerationOptions(Converters = [typeof(ExportedSymbolJsonConverter)], WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BuildManifest))]
[JsonSerializable(typeof(PrebuiltManifest))]
[JsonSerializable(typeof(HeaderModelManifest))]
internal sealed partial class BuildJsonContext : JsonSerializerContext;
