using System.Diagnostics.Tracing;

namespace Relaxnative.Diagnostics;

/// <summary>
/// The <c>Relaxnative</c> event source: the same events as the <c>RELAXNATIVE_TRACE</c> lines, for EventPipe,
/// dotnet-trace and in-process <see cref="EventListener"/>s. Events cost a branch when nobody listens.
/// </summary>
[EventSource(Name = "Relaxnative")]
internal sealed class RelaxnativeEventSource : EventSource
{
    /// <summary>The one instance.</summary>
    public static readonly RelaxnativeEventSource Log = new();

    private RelaxnativeEventSource() { }

    /// <summary>A module finished loading.</summary>
    [Event(1, Level = EventLevel.Informational)]
    public void Load(string source, string library, int functions, int skipped, double milliseconds) =>
        WriteEvent(1, source, library, functions, skipped, milliseconds);

    /// <summary>A compiler was found (first build in the process).</summary>
    [Event(2, Level = EventLevel.Informational)]
    public void CompilerFound(string language, string path, string version) => WriteEvent(2, language, path, version);

    /// <summary>The build cache answered.</summary>
    [Event(3, Level = EventLevel.Informational)]
    public void Build(string source, bool cacheHit, bool prebuilt, double compileMilliseconds, string key) =>
        WriteEvent(3, source, cacheHit, prebuilt, compileMilliseconds, key);

    /// <summary>Functions were bound.</summary>
    [Event(4, Level = EventLevel.Informational)]
    public void Bind(string library, int functions) => WriteEvent(4, library, functions);

    /// <summary>A helper process started.</summary>
    [Event(5, Level = EventLevel.Informational)]
    public void HelperStart(string library, int processId) => WriteEvent(5, library, processId);

    /// <summary>A helper process exited.</summary>
    [Event(6, Level = EventLevel.Warning)]
    public void HelperExit(string library, int processId, string reason) => WriteEvent(6, library, processId, reason);

    /// <summary>A call was dispatched to a worker or helper (verbose: one per call).</summary>
    [Event(7, Level = EventLevel.Verbose)]
    public void Dispatch(string function, string isolation) => WriteEvent(7, function, isolation);
}
