using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Relaxnative.Host;

/// <summary>
/// The helper's entry in self-contained, trimmed and single-file applications. Such an application has no dotnet host
/// to run Relaxnative.Host.dll with, so the helper is its own executable started again with
/// <c>DOTNET_STARTUP_HOOKS=Relaxnative.Host</c> and <c>RELAXNATIVE_HELPER=1</c>: the runtime calls
/// <see cref="Initialize"/> before the application's Main, and the helper runs and exits there. Without the marker
/// (any other start) the hook returns at once. The runtime requires this name, in no namespace.
/// </summary>
internal static class StartupHook
{
    [DynamicDependency(DynamicallyAccessedMemberTypes.NonPublicMethods, typeof(Program))]
    internal static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("RELAXNATIVE_HELPER") != "1")
        {
            return;
        }

        // Processes that native code starts must not inherit the hook (a .NET child would fail to find it).
        _ = Posix.UnsetEnvironmentVariable("DOTNET_STARTUP_HOOKS");
        _ = Posix.UnsetEnvironmentVariable("RELAXNATIVE_HELPER");
        Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", null);
        Environment.SetEnvironmentVariable("RELAXNATIVE_HELPER", null);

        // Program's top-level statements compile to Program.<Main>$(string[]); the arguments are the relaunch's own.
        MethodInfo main = typeof(Program).GetMethod("<Main>$", BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new MissingMethodException("Program", "<Main>$");
        string[] args = Environment.GetCommandLineArgs()[1..];
        int exitCode = ((Task<int>)main.Invoke(null, [args])!).GetAwaiter().GetResult();
        Environment.Exit(exitCode);
    }
}
