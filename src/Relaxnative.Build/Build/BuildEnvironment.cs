using System.Runtime.InteropServices;

namespace Relaxnative.Build;

/// <summary>
/// What a build reads from its surroundings: environment variables, the compiler locator, the target
/// platform and the schema version. The default reads the real process; tests pass their own.
/// </summary>
internal sealed record BuildEnvironment(Func<string, string?> GetVariable, ToolchainLocator Toolchains, string Platform, int Schema)
{
    public static BuildEnvironment Default { get; } = new(
        Environment.GetEnvironmentVariable,
        ToolchainLocator.Default,
        $"{RuntimeInformation.RuntimeIdentifier}/{RuntimeInformation.OSArchitecture}".ToLowerInvariant(),
        BuildSchema.Version);

    /// <summary>The shared-library file name for a stem on this platform (<c>libkernel.so</c>, <c>libkernel.dylib</c>, <c>kernel.dll</c>).</summary>
    public static string LibraryFileName(string stem) =>
        OperatingSystem.IsWindows() ? stem + ".dll"
        : OperatingSystem.IsMacOS() ? "lib" + stem + ".dylib"
        : "lib" + stem + ".so";
}
