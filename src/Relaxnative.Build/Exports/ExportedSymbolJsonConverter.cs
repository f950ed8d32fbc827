using System.Text.Json;
using System.Text.Json.Serialization;

namespace Relaxnative.Build;

/// <summary>
/// Writes an <see cref="ExportedSymbol"/> as the array <c>[name, version, indirect, size]</c>: a manifest lists thousands
/// of them, and reading arrays by hand is several times faster than the serializer's path for records with constructors.
/// </summary>
internal sealed class ExportedSymbolJsonConverter : JsonConverter<ExportedSymbol>
{
    public override ExportedSymbol Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an exported symbol array");
        Expect(ref reader, JsonTokenType.String, "a symbol name", advance: true);
        var name = reader.GetString()!;
        reader.Read();
        var version = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"Expected a version string or null for '{name}', found {reader.TokenType}."),
        };
        reader.Read();
        var indirect = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException($"Expected true or false for '{name}', found {reader.TokenType}."),
        };
        Expect(ref reader, JsonTokenType.Number, "a symbol size", advance: true);
        var size = reader.GetUInt64();
        Expect(ref reader, JsonTokenType.EndArray, "the end of the symbol array", advance: true);
        return new ExportedSymbol(name, version, indirect, size);
    }

    public override void Write(Utf8JsonWriter writer, ExportedSymbol value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.Name);
        if (value.Version is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Version);
        }

        writer.WriteBooleanValue(value.IsIndirect);
        writer.WriteNumberValue(value.Size);
        writer.WriteEndArray();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what, bool advance = false)
    {
        if (advance)
        {
            reader.Read();
        }

        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {what}, found {reader.TokenType}.");
        }
    }
}
