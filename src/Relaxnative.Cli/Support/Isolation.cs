using Relaxnative.Cli.Output;

namespace Relaxnative.Cli.Support;

/// <summary>The <c>--isolation</c> values and how they map to <see cref="IsolationMode"/>.</summary>
internal static class Isolation
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

    /// <summary>
    /// The mode actually used for <paramref name="requested"/>. Process isolation needs the helper process, which
    /// this build does not ship: it falls back to in-process with a one-line notice on stderr. Replace this method
    /// when the helper is available.
    /// </summary>
    public static IsolationMode Resolve(IsolationMode requested)
    {
        if (requested != IsolationMode.Process)
        {
            return requested;
        }

        Terminal.WriteNotice("notice: process isolation is not available in this build; running in-process (a crash ends the run).");
        return IsolationMode.InProcess;
    }

    /// <summary>The spelling of a mode.</summary>
    public static string Name(IsolationMode mode) => mode switch
    {
        IsolationMode.InProcess => "in-process",
        IsolationMode.Worker => "worker",
        _ => "process",
    };
}
