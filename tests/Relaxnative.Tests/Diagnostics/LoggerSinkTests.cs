using Microsoft.Extensions.Logging;
using Relaxnative.Tests.Examples;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Diagnostics;

/// <summary>Native.UseLogger: the trace events reach an ILogger as structured entries. Serial: the sink is process-wide.</summary>
[Collection(SerialCollection.Name)]
public sealed class LoggerSinkTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "relaxnative-logger-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Native.UseLogger(null);
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    [Fact]
    public void UseLogger_Load_LogsBuildAndLoadWithFields()
    {
        var sink = new CollectingLoggerFactory();
        Native.UseLogger(sink);

        using (Native.Load(ExampleLibrary.PathOf("add.c"), new LoadOptions { Isolation = IsolationMode.InProcess, Build = new BuildOptions { CacheDirectory = _cache } }))
        {
        }

        var build = Assert.Single(sink.Entries, e => e.EventName == "build" && ((string?)e.Fields["source"])!.EndsWith("add.c", StringComparison.Ordinal));
        Assert.Equal("miss", build.Fields["cache"]);
        Assert.Equal(LogLevel.Information, build.Level);
        Assert.Contains("relaxnative event=build", build.Message, StringComparison.Ordinal);
        var load = Assert.Single(sink.Entries, e => e.EventName == "load" && ((string?)e.Fields["source"])!.EndsWith("add.c", StringComparison.Ordinal));
        Assert.Equal(IsolationMode.InProcess, load.Fields["isolation"]);
        Assert.Equal("Relaxnative", sink.Category);
    }

    [Fact]
    public void UseLogger_Null_StopsLogging()
    {
        var sink = new CollectingLoggerFactory();
        Native.UseLogger(sink);
        Native.UseLogger(null);

        using (Native.Load(ExampleLibrary.PathOf("add.c"), new LoadOptions { Isolation = IsolationMode.InProcess, Build = new BuildOptions { CacheDirectory = _cache } }))
        {
        }

        Assert.Empty(sink.Entries);
    }

    private sealed record Entry(LogLevel Level, string EventName, IReadOnlyDictionary<string, object?> Fields, string Message);

    /// <summary>A real ILoggerFactory that keeps what it is given, as an application's logging provider would.</summary>
    private sealed class CollectingLoggerFactory : ILoggerFactory, ILogger
    {
        private readonly List<Entry> _entries = [];

        internal string? Category { get; private set; }

        internal IReadOnlyList<Entry> Entries
        {
            get
            {
                lock (_entries)
                {
                    return [.. _entries];
                }
            }
        }

        public ILogger CreateLogger(string categoryName)
        {
            Category = categoryName;
            return this;
        }

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose()
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = ((IEnumerable<KeyValuePair<string, object?>>)state!).ToDictionary(p => p.Key, p => p.Value);
            lock (_entries)
            {
                _entries.Add(new Entry(logLevel, eventId.Name!, fields, formatter(state, exception)));
            }
        }
    }
}
