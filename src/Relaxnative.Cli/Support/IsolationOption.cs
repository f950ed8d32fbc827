namespace Relaxnative.Cli.Support;

/// <summary>The <c>--isolation</c> values and how they map to <see cref="IsolationMode"/>.</summary>
internal static class IsolationOption
{
    /// <summary>The accepted spellings.</summary>
    public static readonly string[] Names = ["in-process", "worker", "process"];

    /// <summary>Parses a validated <c>--isolation</c> value.</summary>
    public static IsolationMode Parse(string name) => name switch
    {
        "in-process" => IsolationMode.InProcess,
        "worker" => IsolationMode.Worker,
        _ => IsolationMode.Process,
    };

    /// <summary>The mode used for <paramref name="requested"/>: every mode is available, so it is the one asked for.</summary>
    public static IsolationMode Resolve(IsolationMode requested) => requested;

    /// <summary>The spelling of a mode.</summary>
    public static string Name(IsolationMode mode) => mode switch
    {
        IsolationMode.InProcess => "in-process",
        IsolationMode.Worker => "worker",
        _ => "process",
    };
}
