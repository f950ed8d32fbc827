using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Relaxnative.Cli.Output;

/// <summary>The <c>--json</c> output: one indented JSON document on stdout, camelCase names.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        WriteIndented = true,
        // Compiler messages and C strings read as written (quotes, <, >), not as \u escapes; stdout is not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes <paramref name="node"/> to stdout.</summary>
    public static void Write(JsonNode node) => Console.Out.WriteLine(node.ToJsonString(s_options));

    /// <summary>Converts a value the tool prints (numbers, strings, bools, null) to a JSON value.</summary>
    public static JsonNode? Value(object? value) => value switch
    {
        null => null,
        bool b => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        sbyte v => JsonValue.Create(v),
        byte v => JsonValue.Create(v),
        short v => JsonValue.Create(v),
        ushort v => JsonValue.Create(v),
        int v => JsonValue.Create(v),
        uint v => JsonValue.Create(v),
        long v => JsonValue.Create(v),
        ulong v => JsonValue.Create(v),
        nint v => JsonValue.Create((long)v),
        nuint v => JsonValue.Create((ulong)v),
        float v => float.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(Formatting.Value(v)),
        double v => double.IsFinite(v) ? JsonValue.Create(v) : JsonValue.Create(Formatting.Value(v)),
        _ => JsonValue.Create(Formatting.Value(value)),
    };
}
