using System.Diagnostics;
using Relaxnative.Isolation.Process;
using Relaxnative.Tests.Isolation;

namespace Relaxnative.Tests.Facade;

/// <summary>Every ProcessIsolationOptions setting reaches the helper through LoadOptions.</summary>
public sealed class LoadOptionsProcessTests
{
    private static readonly string[] s_declarations =
        ["const char* env(const char* name)", "int try_malloc(size_t n)", "int sleep_ms(int ms)", "int add(int a, int b)"];

    private static NativeModule Load(ProcessIsolationOptions? process, TimeSpan? callTimeout = null) =>
        Native.Load(IsolationFixture.LibraryPath, new LoadOptions
        {
            Isolation = IsolationMode.Process,
            Declarations = s_declarations,
            ProcessIsolation = process,
            CallTimeout = callTimeout,
        });

    [Fact]
    public void Load_ProcessIsolationEnvironmentAndAddressSpace_ReachTheHelper()
    {
        using var module = Load(new ProcessIsolationOptions
        {
            Environment = new Dictionary<string, string?> { ["RELAXNATIVE_TEST_SETTING"] = "from-load-options" },
            AddressSpaceLimitBytes = 256L << 20,
            HostPath = HostLocator.Find(),
        });

        Assert.Equal("from-load-options", module["env"].Invoke("RELAXNATIVE_TEST_SETTING"));
        Assert.Equal(0, module["try_malloc"].Invoke((nuint)(1L << 30))); // 1 GiB exceeds the 256 MiB budget
        Assert.Equal(1, module["try_malloc"].Invoke((nuint)(16L << 20)));
    }

    [Fact]
    public void Load_ProcessIsolationHostPath_HelperRunsFromThatPath()
    {
        // The same helper reached through a folder of its own (a symlink to its real folder), so the command line shows which path ran.
        string folder = Path.Combine(Path.GetTempPath(), "relaxnative-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateSymbolicLink(folder, Path.GetDirectoryName(HostLocator.Find())!);
        try
        {
            string hostPath = Path.Combine(folder, "Relaxnative.Host.dll");
            using var module = Load(new ProcessIsolationOptions { HostPath = hostPath });

            Assert.Equal(3, module["add"].Invoke(1, 2));
            string commandLine = File.ReadAllText($"/proc/{module.HelperProcessId}/cmdline").Replace('\0', ' ');
            Assert.Contains(hostPath, commandLine, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Load_CallTimeoutOnLoadOptions_WinsOverProcessIsolation()
    {
        using var module = Load(new ProcessIsolationOptions { CallTimeout = TimeSpan.FromMinutes(5) }, TimeSpan.FromMilliseconds(200));

        var e = Assert.Throws<NativeTimeoutException>(() => module["sleep_ms"].Invoke(5000));
        Assert.Equal(TimeSpan.FromMilliseconds(200), e.Timeout);
    }

    [Fact]
    public async Task Invoke_HelperStoppedWithSigstop_CallTimeoutStillEndsTheCall()
    {
        using var module = Load(new ProcessIsolationOptions { CallTimeout = TimeSpan.FromSeconds(3) });
        Assert.Equal(3, module["add"].Invoke(1, 2));
        int helper = module.HelperProcessId!.Value;
        var call = Task.Run(() => module["sleep_ms"].Invoke(200));
        using (var stop = Process.Start("sh", ["-c", $"kill -STOP {helper}"]))
        {
            await stop.WaitForExitAsync();
        }

        var e = await Assert.ThrowsAsync<NativeTimeoutException>(() => call);
        Assert.Equal("sleep_ms", e.FunctionName);
        Assert.Equal(3, module["add"].Invoke(1, 2));
        Assert.NotEqual(helper, module.HelperProcessId);
    }
}
