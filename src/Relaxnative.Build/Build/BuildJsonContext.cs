using System.Text.Json.Serialization;

namespace Relaxnative.Build;

/// <summary>Source-generated JSON for prebuilt manifests, which ship beside libraries for people to read (the cache's own manifests are binary: see <see cref="ManifestFormat"/>).</summary>
[JsonSourceGenerationOptions(Converters = [typeof(ExportedSymbolJsonConverter)], WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PrebuiltManifest))]
internal sealed partial class BuildJsonContext : JsonSerializerContext;
