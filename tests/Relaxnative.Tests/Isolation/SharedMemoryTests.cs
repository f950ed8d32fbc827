using System.Diagnostics;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

/// <summary>Memory shared with the helper is private to this user: no name in /dev/shm, nothing another user can open.</summary>
public sealed class SharedMemoryTests
{
    [Fact]
    public void Invoke_WithScratchAndAllocRegions_RegionsAreAnonymousMemfds()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var shared = dispatcher.Alloc(4096);
        using var buffer = Native.Alloc(64);
        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(buffer, 64UL, (byte)1);
        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(shared, 64UL, (byte)1);

        var regions = RegionDescriptors(Environment.ProcessId);
        Assert.True(regions.Count >= 2, $"expected the scratch and the Alloc region among {regions.Count} memfd descriptors");
        Assert.Empty(IsolationFixture.SharedMemoryObjects(Environment.ProcessId));
        Assert.Empty(Directory.GetFiles("/dev/shm", "relaxnative-*"));
        Assert.True(dispatcher.FreeShared(shared));
    }

    [SkippableFact]
    public void OtherUser_OpensRegionsOfHostAndHelper_EveryOpenRefused()
    {
        Skip.IfNot(Environment.UserName == "root", "setpriv needs root to switch to another user (CI runs as root).");
        using var dispatcher = IsolationFixture.StartProcess();
        var shared = dispatcher.Alloc(4096);
        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(shared, 16UL, (byte)7);
        int helper = dispatcher.HelperProcessId!.Value;

        var paths = RegionDescriptors(Environment.ProcessId).Concat(RegionDescriptors(helper)).ToList();
        Assert.NotEmpty(paths);
        foreach (string path in paths)
        {
            // The owner can read it (so the refusal below is about the user, not a bad path)...
            Assert.Equal(0, Run("sh", "-c", $"cat {path} > /dev/null").ExitCode);
            // ...and nobody, with no groups, cannot: the test an attacker on the machine would run.
            var (exitCode, output) = Run("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", $"cat {path} > /dev/null");
            Assert.True(exitCode != 0, $"user nobody could read {path}: {output}");
        }

        Assert.True(dispatcher.FreeShared(shared));
    }

    [Fact]
    public void Invoke_DevShmNamesTakenByAnotherUser_ProcessIsolationStillWorks()
    {
        var result = ChildProcess.Run("isolation-squatted-shm", arguments: IsolationFixture.LibraryPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("sum=5", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("filled=7", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <summary>The /proc paths of a process's descriptors that are Relaxnative regions (memfd "relaxnative").</summary>
    private static List<string> RegionDescriptors(int pid)
    {
        var found = new List<string>();
        foreach (string fd in Directory.GetFiles($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("/memfd:relaxnative", StringComparison.Ordinal))
                {
                    found.Add(fd);
                }
            }
            catch (IOException)
            {
                // Closed while listing.
            }
        }

        return found;
    }

    private static (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
