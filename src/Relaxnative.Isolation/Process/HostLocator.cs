namespace Relaxnative.Isolation.Process;

/// <summary>
/// Finds the helper process, <c>Relaxnative.Host.dll</c>, in one fixed order: an explicit path, the
/// <c>RELAXNATIVE_HOST</c> environment variable, beside the Isolation assembly, then the application's base folder.
/// When nothing is found the error lists every place tried.
/// </summary>
public static class HostLocator
{
    /// <summary>The helper's file name.</summary>
    public const string FileName = "Relaxnative.Host.dll";

    /// <summary>The environment variable that names the helper's full path.</summary>
    public const string EnvironmentVariable = "RELAXNATIVE_HOST";

    /// <summary>The full path of Relaxnative.Host.dll.</summary>
    /// <param name="overridePath">A path to use first (from <see cref="ProcessIsolationOptions.HostPath"/>), or null.</param>
    /// <exception cref="FileNotFoundException">No candidate exists; the message lists each one tried.</exception>
    public static string Find(string? overridePath = null) => FindIn(Candidates(overridePath));

    /// <summary>The first candidate that exists; the error lists them all with where each came from.</summary>
    internal static string FindIn(IEnumerable<(string Candidate, string Origin)> candidates)
    {
        var tried = new List<string>();
        foreach (var (candidate, origin) in candidates)
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }

            tried.Add($"{candidate} ({origin}): not found");
        }

        throw new FileNotFoundException(IsolationErrors.HostNotFound(tried), FileName);
    }

    /// <summary>The 'dotnet' executable that runs the helper: DOTNET_HOST_PATH, this process if it is dotnet, DOTNET_ROOT, then PATH.</summary>
    public static string FindDotnet()
    {
        if (System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        if (System.Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        foreach (string folder in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(folder, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }

    private static IEnumerable<(string Candidate, string Origin)> Candidates(string? overridePath)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            yield return (overridePath, "ProcessIsolationOptions.HostPath");
        }

        if (System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            yield return (fromEnvironment, EnvironmentVariable);
        }

        string? beside = Path.GetDirectoryName(typeof(HostLocator).Assembly.Location);
        if (!string.IsNullOrEmpty(beside))
        {
            yield return (Path.Combine(beside, FileName), "beside Relaxnative.Isolation.dll");
        }

        yield return (Path.Combine(AppContext.BaseDirectory, FileName), "AppContext.BaseDirectory");
    }
}
