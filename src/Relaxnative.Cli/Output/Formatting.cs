using System.Globalization;

namespace Relaxnative.Cli.Output;

/// <summary>How values, sizes and times are spelled, always in the invariant culture.</summary>
internal static class Formatting
{
    /// <summary>A value returned by a native function: integers in decimal, floats round-trip, pointers in hex, NULL strings as <c>NULL</c>.</summary>
    public static string Value(object? value) => value switch
    {
        null => "NULL",
        bool b => b ? "true" : "false",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        NativePointer p => "0x" + p.Address.ToString("x", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A byte count for people: <c>0 B</c>, <c>12.3 KiB</c>, <c>4.0 MiB</c>.</summary>
    public static string Bytes(long byteCount)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = byteCount;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{byteCount} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    /// <summary>A duration in milliseconds with two decimals: <c>0.03 ms</c>.</summary>
    public static string Milliseconds(TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalMilliseconds:0.00} ms");

    /// <summary>A per-call time in nanoseconds, switching to µs and ms when large.</summary>
    public static string Nanoseconds(double ns) => ns switch
    {
        < 10_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:0.0} ns"),
        < 10_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1000:0.00} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000:0.00} ms"),
    };

    /// <summary>A rate with thousands separators: <c>12,345,678</c>.</summary>
    public static string Rate(double perSecond) => perSecond.ToString("N0", CultureInfo.InvariantCulture);
}
