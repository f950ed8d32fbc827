using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Relaxnative.Diagnostics;

/// <summary>
/// Tracing for the facade: with <c>RELAXNATIVE_TRACE=1</c>, one structured line per event on stderr
/// (<c>relaxnative event=build source=... cache=hit ms=0.12</c>); always, the same events to
/// <see cref="RelaxnativeEventSource"/> and an <see cref="ActivitySource"/> named <c>Relaxnative</c>.
/// <c>RELAXNATIVE_TRACE_LEVEL</c>: 1 (default) load, build and helper events; 2 adds one line per dispatched call.
/// With <see cref="Native.UseLogger"/>, the same events also go to an <see cref="ILogger"/> as structured entries.
/// When off, each event costs two static field tests.
/// </summary>
internal static class Trace
{
    internal static readonly ActivitySource Activities = new("Relaxnative");

    internal static readonly int Level = ReadLevel();

    internal static bool Enabled => Level > 0 || s_logger is not null;

    private static ILogger? s_logger;

    internal static void UseLogger(ILoggerFactory? factory) => Volatile.Write(ref s_logger, factory?.CreateLogger("Relaxnative"));

    internal static bool DispatchEnabled => Level >= 2 || RelaxnativeEventSource.Log.IsEnabled(System.Diagnostics.Tracing.EventLevel.Verbose, System.Diagnostics.Tracing.EventKeywords.All);

    private static readonly Lock s_write = new();

    private static int ReadLevel()
    {
        if (Environment.GetEnvironmentVariable("RELAXNATIVE_TRACE") is not ("1" or "true"))
        {
            return 0;
        }

        return int.TryParse(Environment.GetEnvironmentVariable("RELAXNATIVE_TRACE_LEVEL"), CultureInfo.InvariantCulture, out int level) && level > 0 ? level : 1;
    }

    /// <summary>Writes one line: <c>relaxnative event=NAME key=value ...</c>; values with spaces are quoted.</summary>
    internal static void Write(string name, params ReadOnlySpan<(string Key, object? Value)> fields)
    {
        if (!Enabled)
        {
            return;
        }

        if (Volatile.Read(ref s_logger) is { } logger)
        {
            Log(logger, name, fields);
        }

        if (Level == 0)
        {
            return;
        }

        var line = new StringBuilder("relaxnative event=").Append(name);
        foreach (var (key, value) in fields)
        {
            string text = value switch
            {
                double d => d.ToString("0.###", CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "",
            };
            line.Append(' ').Append(key).Append('=');
            line.Append(text.Contains(' ', StringComparison.Ordinal) || text.Length == 0 ? "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"" : text);
        }

        lock (s_write)
        {
            Console.Error.WriteLine(line.ToString());
        }
    }

    /// <summary>One structured entry: the event name and its fields as properties (helper exits are warnings).</summary>
    private static void Log(ILogger logger, string name, ReadOnlySpan<(string Key, object? Value)> fields)
    {
        var level = name switch
        {
            "helper-exit" => LogLevel.Warning,
            "dispatch" => LogLevel.Trace,
            _ => LogLevel.Information,
        };
        if (!logger.IsEnabled(level))
        {
            return;
        }

        var state = new List<KeyValuePair<string, object?>>(fields.Length + 2) { new("Event", name) };
        var format = new StringBuilder("relaxnative {Event}");
        foreach (var (key, value) in fields)
        {
            state.Add(new(key, value));
            format.Append(' ').Append(key).Append("={").Append(key).Append('}');
        }

        string template = format.ToString();
        state.Add(new("{OriginalFormat}", template));
        logger.Log(level, new EventId(0, name), state, null, static (entries, _) => Render(entries));
    }

    private static string Render(List<KeyValuePair<string, object?>> entries)
    {
        var text = new StringBuilder("relaxnative");
        foreach (var (key, value) in entries)
        {
            if (key != "{OriginalFormat}")
            {
                text.Append(' ').Append(key == "Event" ? "event" : key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
