using Relaxnative.Build;

namespace Relaxnative.Tests.Support;

/// <summary>
/// For tests that need the C++ or Rust compiler. The README promises that the tests run on a machine with only the
/// .NET SDK and a C compiler, so there such a test is reported as skipped, naming what is missing; under CI
/// (<c>CI=true</c>, which .ci/run sets) every compiler is installed and a missing one fails the test loudly.
/// </summary>
public static class RequiredCompiler
{
    private static bool IsCi => Environment.GetEnvironmentVariable("CI") is "true" or "1";

    public static void For(SourceLanguage language)
    {
        try
        {
            ToolchainLocator.Default.Resolve(language);
        }
        catch (NativeToolchainException e) when (!IsCi)
        {
            Skip.If(true, $"No {language} compiler on this machine, so this test cannot run here (CI installs one and runs it). {e.Message.Split('\n')[0]}");
        }
    }
}
