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

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Start_HelperExitsBeforeGreeting_SaysExitCodeAndStderrAtOnce()
    {
        string script = Path.Combine(Path.GetTempPath(), $"relaxnative-fake-host-{Guid.NewGuid():N}.sh");
        File.WriteAllText(script, "#!/bin/sh\necho 'You must install .NET to run this application.' >&2\nexit 150\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { HostPath = script });
            var add = dispatcher.Function("int add(int a, int b)");
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var e = Assert.Throws<IOException>(() => add.Invoke(1, 2));

            Assert.Contains("exited with code 150 before greeting", e.Message, StringComparison.Ordinal);
            Assert.Contains("You must install .NET", e.Message, StringComparison.Ordinal);
            Assert.Contains(script, e.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), "reported at once, not after the start timeout");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Locate_OverrideNotExecutable_FallsBackToTheHelperBesideTheApp()
    {
        string file = Path.Combine(Path.GetTempPath(), $"relaxnative-not-exec-{Guid.NewGuid():N}");
        File.WriteAllText(file, "not a program");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            var launch = HostLocator.Locate(file);

            Assert.Equal(HostLocator.FileName, Path.GetFileName(launch.HostPath));
            Assert.Equal("exec", launch.Arguments[0]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
