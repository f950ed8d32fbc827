using System.Collections.Concurrent;
using System.Diagnostics;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// Starts helper processes from one thread that lives as long as this process. The helper asks the kernel to kill it
/// when its parent dies (<c>PR_SET_PDEATHSIG</c>), and Linux means the parent *thread*: a helper forked from a
/// thread-pool or worker thread would be killed when that thread retires. Forking from this thread avoids that.
/// </summary>
internal static class HelperLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<System.Diagnostics.Process> Done)> s_requests = [];
    private static readonly Lazy<Thread> s_thread = new(() =>
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "Relaxnative helper launcher" };
        thread.Start();
        return thread;
    });

    internal static System.Diagnostics.Process Start(ProcessStartInfo start)
    {
        _ = s_thread.Value;
        var done = new TaskCompletionSource<System.Diagnostics.Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        s_requests.Add((start, done));
        return done.Task.GetAwaiter().GetResult();
    }

    private static void Run()
    {
        foreach (var (start, done) in s_requests.GetConsumingEnumerable())
        {
            try
            {
                done.SetResult(System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null."));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }
    }
}
