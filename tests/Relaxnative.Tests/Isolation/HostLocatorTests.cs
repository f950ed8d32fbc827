using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

public sealed class HostLocatorTests
{
    [Fact]
    public void Find_ShippedBesideLibrary_FindsHostWithRuntimeConfig()
    {
        string path = HostLocator.Find();

        Assert.Equal(HostLocator.FileName, Path.GetFileName(path));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")));
        Assert.True(File.Exists(Path.ChangeExtension(path, ".deps.json")));
    }

    [Fact]
    public void Find_OverrideMissing_StillFindsShippedHost()
    {
        Assert.Equal(HostLocator.FileName, Path.GetFileName(HostLocator.Find("/nonexistent/Relaxnative.Host.dll")));
    }

    [Fact]
    public void ProcessDispatcher_ExplicitEnvironment_OnlyBasicsAndOptions()
    {
        Environment.SetEnvironmentVariable("RELAXNATIVE_TEST_SECRET", "leak");
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions
        {
            Environment = new Dictionary<string, string?> { ["RELAXNATIVE_TEST_GIVEN"] = "yes" },
        });
        var env = dispatcher.Function("const char* env(const char* name)");

        Assert.Equal("yes", env.Invoke("RELAXNATIVE_TEST_GIVEN"));
        Assert.Null(env.Invoke("RELAXNATIVE_TEST_SECRET"));
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), env.Invoke("PATH"));
    }

    [Fact]
    public void FindIn_NothingExists_ListsEveryPlaceTried()
    {
        var e = Assert.Throws<FileNotFoundException>(() => HostLocator.FindIn(
        [
            ("/nowhere/a/Relaxnative.Host.dll", "RELAXNATIVE_HOST"),
            ("/nowhere/b/Relaxnative.Host.dll", "AppContext.BaseDirectory"),
        ]));

        Assert.Contains("/nowhere/a/Relaxnative.Host.dll (RELAXNATIVE_HOST)", e.Message, StringComparison.Ordinal);
        Assert.Contains("/nowhere/b/Relaxnative.Host.dll (AppContext.BaseDirectory)", e.Message, StringComparison.Ordinal);
        Assert.Contains(HostLocator.EnvironmentVariable, e.Message, StringComparison.Ordinal);
    }
}
