namespace Relaxnative;

/// <summary>How a module's helper process is started and bounded. Immutable.</summary>
public sealed record ProcessIsolationOptions
{
    /// <summary>The longest one native call may run (not counting the helper's start-up); null for no limit. On expiry the helper is killed.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>
    /// How many bytes of address space native code in the helper may map, or null for no limit. The helper sets
    /// <c>RLIMIT_AS</c> to its size after start-up (the .NET runtime's own reservations) plus this budget, so
    /// allocations beyond it fail (<c>malloc</c> returns NULL) instead of exhausting the machine.
    /// </summary>
    public long? AddressSpaceLimitBytes { get; init; }

    /// <summary>The helper's CPU-time limit (<c>RLIMIT_CPU</c>, whole seconds), or null for none. Exceeding it kills the helper with SIGXCPU.</summary>
    public TimeSpan? CpuTimeLimit { get; init; }

    /// <summary>
    /// Extra environment variables for the helper. The helper does not inherit the host's environment: it receives
    /// only PATH, HOME, USER, LANG, LC_ALL, TMPDIR, LD_LIBRARY_PATH, DOTNET_ROOT and these (a null value removes one).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The path of Relaxnative.Host.dll, overriding the locator's search (next to the application, then the package; see docs/isolation.md).</summary>
    public string? HostPath { get; init; }

    /// <summary>The initial size in bytes of the shared region arguments are copied through; it grows on demand.</summary>
    public long InitialSharedBytes { get; init; } = 4 << 20;

    /// <summary>The longest the helper may take to start and greet the host.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
