using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// Decides how the helper process of <see cref="IsolationMode.Process"/> is started, in one fixed order:
/// <list type="number">
/// <item>an explicit path (<see cref="ProcessIsolationOptions.HostPath"/>, then <c>RELAXNATIVE_HOST</c>): a
/// <c>Relaxnative.Host.dll</c> run with <c>dotnet exec</c>, or an executable run as it is;</item>
/// <item>framework-dependent applications: <c>Relaxnative.Host.dll</c> in <see cref="AppContext.BaseDirectory"/>, run
/// with the <c>dotnet</c> host of the runtime this process runs on (no PATH lookup);</item>
/// <item>self-contained, trimmed and single-file applications: the application's own executable started again with
/// the <c>Relaxnative.Host</c> startup hook, which runs the helper before <c>Main</c> (no <c>dotnet</c> needed);</item>
/// <item>otherwise (NativeAOT, startup hooks disabled): <c>Relaxnative.Host.dll</c> beside the application, run with
/// a <c>dotnet</c> from DOTNET_HOST_PATH, DOTNET_ROOT or PATH.</item>
/// </list>
/// When nothing fits, the error lists every step tried and why it did not apply. Thread-safe; stateless.
/// </summary>
internal static class HostLocator
{
    /// <summary>The helper's file name.</summary>
    public const string FileName = "Relaxnative.Host.dll";

    /// <summary>The environment variable that names the helper's full path.</summary>
    public const string EnvironmentVariable = "RELAXNATIVE_HOST";

    /// <summary>Set to 1 in a relaunched application: its startup hook then runs the helper instead of returning.</summary>
    internal const string HelperVariable = "RELAXNATIVE_HELPER";

    private const string AssemblyName = "Relaxnative.Host";

    /// <summary>
    /// What the helper is started from: the full path of Relaxnative.Host.dll, or of the executable that runs it (the
    /// application itself when it is self-contained).
    /// </summary>
    /// <param name="overridePath">A path to use first (from <see cref="ProcessIsolationOptions.HostPath"/>), or null.</param>
    /// <exception cref="FileNotFoundException">No way to start the helper; the message lists each one tried and why it failed.</exception>
    public static string Find(string? overridePath = null) => Locate(overridePath).HostPath;

    /// <summary>The launch for the first strategy that applies; see the type's summary for the order.</summary>
    /// <exception cref="FileNotFoundException">None applies; the message lists each with its reason.</exception>
    internal static HelperLaunch Locate(string? overridePath)
    {
        var tried = new List<string>();
        foreach (var (path, origin) in ExplicitPaths(overridePath))
        {
            if (FromPath(path, origin, tried) is { } launch)
            {
                return launch;
            }
        }

        string beside = Path.Combine(AppContext.BaseDirectory, FileName);
        if (SharedRuntimeDotnet() is { } runtimeDotnet)
        {
            if (FromDll(beside, "AppContext.BaseDirectory", runtimeDotnet, tried) is { } launch)
            {
                return launch;
            }
        }
        else
        {
            tried.Add("the dotnet host of this process's runtime: none, the application is self-contained");
        }

        if (SelfRelaunch(tried) is { } relaunch)
        {
            return relaunch;
        }

        if (FindDotnet() is { } dotnet)
        {
            if (FromDll(beside, "AppContext.BaseDirectory, with " + dotnet, dotnet, tried) is { } launch)
            {
                return launch;
            }
        }
        else
        {
            tried.Add("a dotnet host from DOTNET_HOST_PATH, DOTNET_ROOT or PATH: none found");
        }

        throw new FileNotFoundException(IsolationErrors.HostNotFound(tried), FileName);
    }

    /// <summary>The launch for a path that <see cref="Find"/> returned (what a dispatcher keeps).</summary>
    /// <exception cref="FileNotFoundException">The path no longer leads to a helper; the message says why.</exception>
    internal static HelperLaunch ForHostPath(string hostPath)
    {
        var tried = new List<string>();
        if (hostPath == System.Environment.ProcessPath && SelfRelaunch(tried) is { } relaunch)
        {
            return relaunch;
        }

        return FromPath(hostPath, "the helper path", tried) ?? Locate(hostPath);
    }

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

    /// <summary>
    /// The 'dotnet' executable that runs Relaxnative.Host.dll: the one of the runtime this process runs on, then
    /// DOTNET_HOST_PATH, this process if it is dotnet, DOTNET_ROOT, then PATH; null when there is none.
    /// </summary>
    public static string? FindDotnet()
    {
        if (SharedRuntimeDotnet() is { } runtime)
        {
            return runtime;
        }

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

        return null;
    }

    /// <summary>
    /// The dotnet host of the shared runtime this process runs on, or null for a self-contained (or NativeAOT)
    /// application. The host sets FX_DEPS_FILE to the shared framework's deps file only for framework-dependent
    /// applications: <c>&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/Microsoft.NETCore.App.deps.json</c>.
    /// </summary>
    private static string? SharedRuntimeDotnet()
    {
        if (AppContext.GetData("FX_DEPS_FILE") is not string { Length: > 0 } depsFile)
        {
            return null;
        }

        string? framework = Path.GetDirectoryName(depsFile);
        string? root = framework is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(framework)));
        string? dotnet = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return dotnet is not null && File.Exists(dotnet) ? dotnet : null;
    }

    private static IEnumerable<(string Path, string Origin)> ExplicitPaths(string? overridePath)
    {
        if (!string.IsNullOrEmpty(overridePath))
        {
            yield return (overridePath, "ProcessIsolationOptions.HostPath");
        }

        if (System.Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            yield return (fromEnvironment, EnvironmentVariable);
        }
    }

    /// <summary>An explicit path: a .dll runs with dotnet exec; anything else must be an executable helper.</summary>
    private static HelperLaunch? FromPath(string path, string origin, List<string> tried)
    {
        if (path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            if (FindDotnet() is { } dotnet)
            {
                return FromDll(path, origin, dotnet, tried);
            }

            tried.Add($"{path} ({origin}): no dotnet host to run it (tried the runtime's own, DOTNET_HOST_PATH, DOTNET_ROOT, PATH)");
            return null;
        }

        if (!File.Exists(path))
        {
            tried.Add($"{path} ({origin}): not found");
            return null;
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            tried.Add($"{path} ({origin}): not executable (chmod +x it, or name Relaxnative.Host.dll instead)");
            return null;
        }

        string full = Path.GetFullPath(path);
        return new HelperLaunch(full, full, [], new Dictionary<string, string>(), $"{full} ({origin})");
    }

    private static HelperLaunch? FromDll(string path, string origin, string dotnet, List<string> tried)
    {
        if (!File.Exists(path))
        {
            tried.Add($"{path} ({origin}): not found");
            return null;
        }

        string runtimeConfig = Path.ChangeExtension(path, ".runtimeconfig.json");
        if (!File.Exists(runtimeConfig))
        {
            tried.Add($"{path} ({origin}): found, but {Path.GetFileName(runtimeConfig)} is missing beside it, so dotnet cannot run it");
            return null;
        }

        string full = Path.GetFullPath(path);
        return new HelperLaunch(full, dotnet, ["exec", full], new Dictionary<string, string>(), $"{dotnet} exec {full} ({origin})");
    }

    /// <summary>
    /// The application's own executable with the helper's startup hook: the self-contained runtime (bundled or beside
    /// it) runs the helper, so neither dotnet nor a separate runtime is needed. The hook assembly is kept by the
    /// trimmer through this dependency.
    /// </summary>
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicMethods, "StartupHook", AssemblyName)]
    private static HelperLaunch? SelfRelaunch(List<string> tried)
    {
        const string Step = "the application's own executable with the Relaxnative.Host startup hook";
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            tried.Add(Step + ": not possible, the application is compiled ahead of time (NativeAOT) and has no startup hooks");
            return null;
        }

        if (AppContext.TryGetSwitch("System.StartupHookProvider.IsSupported", out bool hooks) && !hooks)
        {
            tried.Add(Step + ": startup hooks are disabled in this application (StartupHookSupport=false)");
            return null;
        }

        if (System.Environment.ProcessPath is not { } self || Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            tried.Add(Step + ": the process was started by the dotnet host, not by an application executable");
            return null;
        }

        try
        {
            _ = Assembly.Load(new AssemblyName(AssemblyName));
        }
        catch (FileNotFoundException)
        {
            tried.Add(Step + ": Relaxnative.Host is not part of this application (reference the Relaxnative package)");
            return null;
        }

        return new HelperLaunch(self, self, [],
            new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = AssemblyName, [HelperVariable] = "1" },
            $"{self} with the {AssemblyName} startup hook (self-contained application)");
    }
}
