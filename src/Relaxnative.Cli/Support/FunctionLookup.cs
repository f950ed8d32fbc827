namespace Relaxnative.Cli.Support;

/// <summary>Finds a function in a loaded module, turning "skipped" and "unknown" into errors that say what exists.</summary>
internal static class FunctionLookup
{
    /// <summary>The bound function <paramref name="name"/>.</summary>
    /// <exception cref="CliException">Exit 1 when the source defines it but it cannot be bound (with the reason); exit 2 when there is no such function.</exception>
    public static NativeFunction Find(NativeModule module, string name)
    {
        if (module.TryGetFunction(name, out var function))
        {
            return function;
        }

        if (module.Skipped.FirstOrDefault(s => s.Name == name) is { } skipped)
        {
            throw CliException.Failure($"'{name}' cannot be called: {skipped.Reason}");
        }

        string available = module.Functions.Count == 0 ? "none" : string.Join(", ", module.Functions.Select(f => f.Name));
        throw CliException.Usage($"No function '{name}' in '{module.SourcePath}'. Functions: {available}.",
            $"Run 'relaxnative inspect {module.SourcePath}' to see every function and its signature.");
    }
}
