using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

public sealed class CrashTests
{
    [Fact]
    public void CrashStorm_EveryTenthSegfaults_Exactly20CrashesAnd180Results()
    {
        var pids = new List<int>();
        int crashes = 0;
        int correct = 0;
        using (var dispatcher = IsolationFixture.StartProcess())
        {
            dispatcher.HelperStarted += (_, e) => pids.Add(e.ProcessId);
            var add = dispatcher.Function("int add(int a, int b)");
            var crash = dispatcher.Function("int crash_segv(int code)");
            for (int i = 0; i < 200; i++)
            {
                if (i % 10 == 9)
                {
                    var e = Assert.Throws<NativeCrashException>(() => crash.Invoke(i));
                    Assert.Equal("SIGSEGV", e.Signal);
                    Assert.Equal("crash_segv", e.FunctionName);
                    crashes++;
                }
                else if (Equals(add.Invoke(i, 1), i + 1))
                {
                    correct++;
                }
            }
        }

        Assert.Equal(20, crashes);
        Assert.Equal(180, correct);
        Assert.Equal(20, pids.Count); // one helper, plus one per crash but the last (no call after it)
        Assert.All(pids, pid => Assert.False(IsolationFixture.IsAlive(pid), $"helper {pid} is still running"));
        Assert.Empty(IsolationFixture.SharedMemoryObjects(Environment.ProcessId));
    }

    [Fact]
    public void Crash_Abort_ReportsSigabrtAndStderrTail()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_abort(void)").Invoke());

        Assert.Equal("SIGABRT", e.Signal);
        Assert.Equal(134, e.ExitCode);
        Assert.Contains("about to abort", e.StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public void Crash_Segv_StderrTailHoldsLastWords()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(42));

        Assert.Equal("SIGSEGV", e.Signal);
        Assert.Contains("about to crash with code 42", e.StandardErrorTail, StringComparison.Ordinal);
        Assert.Contains("crash_segv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Crash_DivideByZero_ReportsSigfpe()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_fpe(int d)").Invoke(0));
        Assert.Equal("SIGFPE", e.Signal);
    }

    [Fact]
    public void Crash_Exit_ReportsExitCodeWithoutSignal()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeCrashException>(() => dispatcher.Function("int exit_with(int code)").Invoke(7));

        Assert.Null(e.Signal);
        Assert.Equal(7, e.ExitCode);
        Assert.Contains("exiting with 7", e.StandardErrorTail, StringComparison.Ordinal);
    }

    [Fact]
    public void Crash_CallersBuffer_IsIntactAndNextCallWorks()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var exited = new List<HelperExitedEventArgs>();
        dispatcher.HelperExited += (_, e) => exited.Add(e);
        using var buffer = Native.Alloc(64);
        buffer.AsSpan().Fill(9);

        Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(1));
        Assert.Equal(64UL * 9, dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)").Invoke(buffer, 64UL));

        Assert.All(buffer.ToArray(), b => Assert.Equal(9, b));
        Assert.Equal("SIGSEGV", Assert.Single(exited).Signal);
    }

    [Fact]
    public void Timeout_LongCall_ThrowsTimeoutThenNextCallWorks()
    {
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { CallTimeout = TimeSpan.FromMilliseconds(300) });
        var sleep = dispatcher.Function("int sleep_ms(int ms)");

        var e = Assert.Throws<NativeTimeoutException>(() => sleep.Invoke(5000));
        Assert.Equal("sleep_ms", e.FunctionName);
        Assert.Equal(TimeSpan.FromMilliseconds(300), e.Timeout);

        Assert.Equal(10, sleep.Invoke(10));
        Assert.Equal(3, dispatcher.Function("int add(int a, int b)").Invoke(1, 2));
    }

    [Fact]
    public void Timeout_DoesNotCountHelperStartup()
    {
        // The first call starts the helper (tens of milliseconds); only the call itself is timed.
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { CallTimeout = TimeSpan.FromMilliseconds(200) });
        Assert.Equal(3, dispatcher.Function("int add(int a, int b)").Invoke(1, 2));
    }

    [Fact]
    public void CpuLimit_BusyHelperOverLimit_IsKilledWithSigxcpuOrSigkill()
    {
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { CpuTimeLimit = TimeSpan.FromSeconds(1) });
        var sum = dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)");
        using var big = Native.Alloc(64 << 20);

        var e = Assert.Throws<NativeCrashException>(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                sum.Invoke(big, (ulong)(64 << 20));
            }
        });

        Assert.Contains(e.Signal, new[] { "SIGXCPU", "SIGKILL" });
    }

    [Fact]
    public void AddressSpaceLimit_AllocationOverBudget_FailsInsteadOfCrashing()
    {
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { AddressSpaceLimitBytes = 256L << 20 });
        var tryMalloc = dispatcher.Function("int try_malloc(size_t n)");

        Assert.Equal(1, tryMalloc.Invoke(1UL << 20));
        Assert.Equal(0, tryMalloc.Invoke(1UL << 30));
        Assert.Equal(1, tryMalloc.Invoke(1UL << 20));
    }

    [Fact]
    public void Crash_UnbackedPage_ReportsSigbus()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_bus(void)").Invoke());
        Assert.Equal("SIGBUS", e.Signal);
    }

    [Fact]
    public async Task Crash_InvokeAsync_FaultsTaskAndNextAsyncCallWorks()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var crash = dispatcher.Function("int crash_segv(int code)");
        var add = dispatcher.Function("int add(int a, int b)");

        var e = await Assert.ThrowsAsync<NativeCrashException>(() => crash.InvokeAsync(1));

        Assert.Equal("SIGSEGV", e.Signal);
        Assert.Equal(7, await add.InvokeAsync(3, 4));
    }

    [Fact]
    public void Events_StartDispatchExit_RaisedInOrder()
    {
        var events = new List<string>();
        using (var dispatcher = IsolationFixture.StartProcess())
        {
            dispatcher.HelperStarted += (_, e) => events.Add("started");
            dispatcher.CallDispatched += (_, e) => events.Add("call " + e.Function.Name);
            dispatcher.HelperExited += (_, e) => events.Add("exited " + (e.Signal ?? e.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            dispatcher.Function("int add(int a, int b)").Invoke(1, 2);
            Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(1));
            dispatcher.Function("int add(int a, int b)").Invoke(1, 2);
        }

        Assert.Equal(["started", "call add", "call crash_segv", "exited SIGSEGV", "started", "call add", "exited 0"], events);
    }
}
