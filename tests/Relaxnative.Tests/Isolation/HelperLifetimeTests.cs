using System.Diagnostics;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

public sealed class HelperLifetimeTests
{
    [Fact]
    public async Task HostKilled_HelperDiesToo()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(ChildProcess.ChildAssemblyPath);
        start.ArgumentList.Add("isolation-helper-then-wait");
        start.ArgumentList.Add(IsolationFixture.LibraryPath);
        using var host = Process.Start(start)!;
        int helperPid = 0;
        try
        {
            var stderr = host.StandardError.ReadToEndAsync();
            for (string? line = host.StandardOutput.ReadLine(); line is not null; line = host.StandardOutput.ReadLine())
            {
                if (line.StartsWith("helper=", StringComparison.Ordinal))
                {
                    helperPid = int.Parse(line["helper=".Length..], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                }

                Assert.Equal("sum=5", line);
            }

            Assert.True(helperPid > 0, "the child printed no helper pid: " + (host.HasExited ? await stderr : "(still running)"));
            Assert.True(IsolationFixture.IsAlive(helperPid));

            // SIGKILL: no managed code runs in the host, so only the kernel (PR_SET_PDEATHSIG) can take the helper down.
            host.Kill();
            await host.WaitForExitAsync();
        }
        finally
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (IsolationFixture.IsAlive(helperPid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.False(IsolationFixture.IsAlive(helperPid), $"helper {helperPid} outlived its host");
        Assert.Empty(IsolationFixture.SharedMemoryObjects(host.Id));
    }
}
