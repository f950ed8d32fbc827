using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Relaxnative.Tests.Examples;

namespace Relaxnative.Tests.Diagnostics;

/// <summary>
/// The <c>Relaxnative</c> meter as a listener (dotnet-counters, OpenTelemetry) sees it. Other tests run in parallel
/// and add to the same instruments, so counts are asserted as at least what these tests caused.
/// </summary>
public sealed class RelaxnativeMetricsTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "relaxnative-metrics-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, long> _last = new();
    private readonly MeterListener _listener = new();

    public RelaxnativeMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Relaxnative")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string key = instrument.Name;
            foreach (var tag in tags)
            {
                key += $"|{tag.Key}={tag.Value}";
            }

            _totals.AddOrUpdate(key, value, (_, total) => total + value);
            _last[key] = value;
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private long Total(string key) => _totals.GetValueOrDefault(key);

    [Fact]
    public void Load_ColdThenWarm_CountsOneCompileAndOneCacheHit()
    {
        var options = new LoadOptions { Isolation = IsolationMode.InProcess, Build = new BuildOptions { CacheDirectory = _cache } };
        using (Native.Load(ExampleLibrary.PathOf("add.c"), options))
        {
        }

        using (Native.Load(ExampleLibrary.PathOf("add.c"), options))
        {
        }

        Assert.True(Total("relaxnative.build.compiles") >= 1, "compiles");
        Assert.True(Total("relaxnative.build.cache_misses") >= 1, "cache misses");
        Assert.True(Total("relaxnative.build.cache_hits") >= 1, "cache hits");
        Assert.True(Total("relaxnative.loads|relaxnative.isolation=in_process") >= 2, "loads");
    }

    [Fact]
    public void ProcessIsolation_Crash_CountsHelperStartsCrashAndCalls()
    {
        var options = new LoadOptions { Isolation = IsolationMode.Process, Build = new BuildOptions { CacheDirectory = _cache } };
        using (var module = Native.Load(ExampleLibrary.PathOf("crash.c"), options))
        {
            Assert.Equal(2, module["well_behaved"].Invoke(1));
            Assert.Throws<NativeCrashException>(() => module["crash"].Invoke(7));
            Assert.Equal(3, module["well_behaved"].Invoke(2));
        }

        Assert.True(Total("relaxnative.helper.starts") >= 2, "helper starts: the first and the one after the crash");
        Assert.True(Total("relaxnative.helper.crashes") >= 1, "helper crashes");
        Assert.True(Total("relaxnative.calls|relaxnative.isolation=process") >= 3, "calls sent to the helper");
    }

    [Fact]
    public void MemoryGauges_LiveBuffer_ReportedWhenCollected()
    {
        using var buffer = Native.Alloc(4096);
        _listener.RecordObservableInstruments();

        Assert.True(_last.GetValueOrDefault("relaxnative.memory.live_bytes") >= 4096, "live bytes");
        Assert.True(_last.GetValueOrDefault("relaxnative.memory.live_allocations") >= 1, "live allocations");
        Assert.True(_last.ContainsKey("relaxnative.memory.overruns"), "overruns instrument");
    }
}
