using System.Diagnostics.Metrics;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Diagnostics;

/// <summary>
/// The <c>Relaxnative</c> <see cref="Meter"/>, read by <c>dotnet-counters monitor --counters Relaxnative</c> and
/// OpenTelemetry (<c>AddMeter("Relaxnative")</c>). Memory figures are observable instruments read from the heap's
/// counters when a listener collects, so they cost nothing per allocation; the others change per load, per helper
/// start or exit, and per call sent to a helper, never per in-process call. Instrument names follow OpenTelemetry's
/// conventions (<c>relaxnative.memory.live_bytes</c>, unit <c>By</c>).
/// </summary>
internal static class RelaxnativeMetrics
{
    /// <summary>The meter's name, as listeners select it.</summary>
    internal const string MeterName = "Relaxnative";

    private static readonly Meter s_meter = new(MeterName, typeof(RelaxnativeMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> s_compiles = s_meter.CreateCounter<long>(
        "relaxnative.build.compiles", "{compile}", "Sources compiled (cache misses that ran the compiler).");

    private static readonly Counter<long> s_cacheHits = s_meter.CreateCounter<long>(
        "relaxnative.build.cache_hits", "{load}", "Loads served from the build cache or a prebuilt library.");

    private static readonly Counter<long> s_cacheMisses = s_meter.CreateCounter<long>(
        "relaxnative.build.cache_misses", "{load}", "Loads whose build was not cached.");

    private static readonly Counter<long> s_helperStarts = s_meter.CreateCounter<long>(
        "relaxnative.helper.starts", "{process}", "Helper processes started (IsolationMode.Process).");

    private static readonly Counter<long> s_helperCrashes = s_meter.CreateCounter<long>(
        "relaxnative.helper.crashes", "{process}", "Helper processes that died of a signal or exited on their own.");

    private static readonly Counter<long> s_calls = s_meter.CreateCounter<long>(
        "relaxnative.calls", "{call}", "Calls sent to a helper process, for modules loaded while a listener was attached; in-process and worker calls are not counted.");

    private static readonly Counter<long> s_loads = s_meter.CreateCounter<long>(
        "relaxnative.loads", "{module}", "Modules loaded, tagged by isolation.");

    static RelaxnativeMetrics()
    {
        s_meter.CreateObservableUpDownCounter("relaxnative.memory.live_allocations", static () => NativeHeap.Stats.LiveAllocations,
            "{allocation}", "Native allocations made by Relaxnative and not yet freed.");
        s_meter.CreateObservableUpDownCounter("relaxnative.memory.live_bytes", static () => NativeHeap.Stats.LiveBytes,
            "By", "Bytes of native memory allocated by Relaxnative and not yet freed.");
        s_meter.CreateObservableCounter("relaxnative.memory.allocations", static () => NativeHeap.Stats.TotalAllocations,
            "{allocation}", "Native allocations made since the process started.");
        s_meter.CreateObservableCounter("relaxnative.memory.overruns", static () => NativeHeap.Stats.OverrunsDetected,
            "{overrun}", "Guarded buffers found written outside their bounds when freed.");
    }

    /// <summary>Whether anyone listens to per-call figures (one field read: the check a call pays when nobody does).</summary>
    internal static bool CallsEnabled => s_calls.Enabled;

    internal static void Build(bool cacheHit, bool prebuilt)
    {
        if (cacheHit || prebuilt)
        {
            s_cacheHits.Add(1);
        }
        else
        {
            s_cacheMisses.Add(1);
            s_compiles.Add(1);
        }
    }

    internal static void Load(IsolationMode isolation) => s_loads.Add(1, new KeyValuePair<string, object?>("relaxnative.isolation", IsolationTag(isolation)));

    internal static void HelperStarted() => s_helperStarts.Add(1);

    internal static void HelperExited(bool crashed)
    {
        if (crashed)
        {
            s_helperCrashes.Add(1);
        }
    }

    internal static void Call(IsolationMode isolation) => s_calls.Add(1, new KeyValuePair<string, object?>("relaxnative.isolation", IsolationTag(isolation)));

    /// <summary>Lower-case tag values, allocated once.</summary>
    internal static string IsolationTag(IsolationMode isolation) => isolation switch
    {
        IsolationMode.InProcess => "in_process",
        IsolationMode.Worker => "worker",
        IsolationMode.Process => "process",
        _ => "unknown",
    };
}
