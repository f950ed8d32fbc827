namespace Relaxnative.Isolation.Process;

/// <summary>How a module's helper process is started and bounded. Immutable.</summary>
public sealed record ProcessIsolationOptions
{
    /// <summary>The longest one native call may run (not counting the helper's start-up); null for no limit. On expiry the helper is killed.</summary>
    public TimeSpan? CallTimeout { get; init; }

    /// <summary>The helper's address-space limit in bytes (<c>RLIMIT_AS</c>), or null for none. Include room for the .NET runtime (a few GiB of reservations).</summary>
    public long? AddressSpaceLimitBytes { get; init; }

    /// <summary>The helper's CPU-time limit (<c>RLIMIT_CPU</c>, whole seconds), or null for none. Exceeding it kills the helper with SIGXCPU.</summary>
    public TimeSpan? CpuTimeLimit { get; init; }

    /// <summary>
    /// Extra environment variables for the helper. The helper does not inherit the host's environment: it receives
    /// only PATH, HOME, USER, LANG, LC_ALL, TMPDIR, LD_LIBRARY_PATH, DOTNET_ROOT and these (a null value removes one).
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>The path of Relaxnative.Host.dll, overriding <see cref="HostLocator"/>'s search.</summary>
    public string? HostPath { get; init; }

    /// <summary>The initial size in bytes of the shared region arguments are copied through; it grows on demand.</summary>
    public long InitialSharedBytes { get; init; } = 4 << 20;

    /// <summary>The longest the helper may take to start and greet the host.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
