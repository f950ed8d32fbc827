using System.Diagnostics;
using System.Globalization;
using Relaxnative.Isolation.Wire;

namespace Relaxnative.Isolation.Process;

/// <summary>One running helper: its process, its pipes, and the tail of its stderr. Used under the dispatcher's lock.</summary>
internal sealed class HelperProcess : IDisposable
{
    private const int TailLines = 20;
    private static readonly string[] s_inherited = ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "LD_LIBRARY_PATH", "DOTNET_ROOT"];

    private readonly System.Diagnostics.Process _process;
    private readonly Queue<string> _stderrTail = new();
    private int _killed;

    private HelperProcess(System.Diagnostics.Process process)
    {
        _process = process;
        Input = process.StandardInput.BaseStream;
        Output = PollingPipeStream.TryWrap(process.StandardOutput.BaseStream, TimeSpan.FromMicroseconds(50))
            ?? process.StandardOutput.BaseStream;
        Pid = process.Id;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (_stderrTail)
            {
                _stderrTail.Enqueue(e.Data);
                if (_stderrTail.Count > TailLines)
                {
                    _stderrTail.Dequeue();
                }
            }
        };
        process.BeginErrorReadLine();
    }

    internal int Pid { get; }

    /// <summary>Frames to the helper (its stdin).</summary>
    internal Stream Input { get; }

    /// <summary>Frames from the helper (its stdout; native code's own stdout is redirected to stderr in the helper).</summary>
    internal Stream Output { get; }

    internal bool HasExited => _process.HasExited;

    internal bool WasKilled => Volatile.Read(ref _killed) != 0;

    /// <summary>Starts the helper and waits for its Hello frame.</summary>
    internal static HelperProcess Start(string hostPath, ProcessIsolationOptions options, FrameReader reader)
    {
        HelperLaunch launch = HostLocator.ForHostPath(hostPath);
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in launch.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add(System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (options.AddressSpaceLimitBytes is { } bytes)
        {
            start.ArgumentList.Add("--address-space");
            start.ArgumentList.Add(bytes.ToString(CultureInfo.InvariantCulture));
        }

        if (options.CpuTimeLimit is { } cpu)
        {
            start.ArgumentList.Add("--cpu-seconds");
            start.ArgumentList.Add(Math.Max(1, (long)Math.Ceiling(cpu.TotalSeconds)).ToString(CultureInfo.InvariantCulture));
        }

        start.Environment.Clear();
        foreach (string name in s_inherited)
        {
            if (System.Environment.GetEnvironmentVariable(name) is { } value)
            {
                start.Environment[name] = value;
            }
        }

        // The helper's runtime should start quickly and never write crash dumps of native faults (they are expected).
        start.Environment["DOTNET_TieredPGO"] = "0";
        start.Environment["DOTNET_DbgEnableMiniDump"] = "0";
        start.Environment["DOTNET_gcServer"] = "0";
        foreach (var (name, value) in launch.Environment)
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in options.Environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        HelperProcess helper;
        try
        {
            helper = new HelperProcess(HelperLauncher.Start(start));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // The program itself could not be executed (missing, not executable, wrong format): say so, not a timeout.
            throw new IOException(IsolationErrors.HelperStartFailed(launch.Description, IsolationErrors.ExecFailed(launch.FileName, e.NativeErrorCode, e.Message), ""), e);
        }


        using var startTimer = new Timer(static h => ((HelperProcess)h!).Kill(), helper, options.StartTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            if (!reader.TryRead(helper.Output) || reader.Type != FrameType.Hello)
            {
                throw new IOException("it closed its output before greeting.");
            }

            _ = WireProtocol.ReadHello(reader);
            return helper;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            // Only the start timer has killed it so far; a helper that exited on its own is reported with its exit code.
            bool timedOut = helper.WasKilled;
            helper.Kill();
            int exitCode = helper.WaitForExit();
            string detail = timedOut
                ? $"it did not greet within {options.StartTimeout.TotalSeconds:0} s."
                : IsolationErrors.ExitedBeforeGreeting(exitCode);
            string tail = helper.StandardErrorTail();
            helper.Dispose();
            throw new IOException(IsolationErrors.HelperStartFailed(launch.Description, detail, tail), e);
        }
    }

    /// <summary>Kills the helper (idempotent; safe from any thread).</summary>
    internal void Kill()
    {
        Interlocked.Exchange(ref _killed, 1);
        try
        {
            _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already exited.
        }
    }

    /// <summary>Waits for the helper to exit and its stderr to drain; returns the exit code.</summary>
    internal int WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            Kill();
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    internal string StandardErrorTail()
    {
        lock (_stderrTail)
        {
            return string.Join(System.Environment.NewLine, _stderrTail);
        }
    }

    /// <summary>
    /// Closes both pipes and the process handle now. Process.Dispose alone leaves pipes whose streams were read
    /// synchronously open until their finalizers run: two descriptors per crashed helper, until a GC.
    /// </summary>
    public void Dispose()
    {
        DisposeQuietly(Input);
        DisposeQuietly(Output);
        DisposeQuietly(_process.StandardOutput.BaseStream);
        _process.Dispose();
    }

    private static void DisposeQuietly(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // Flushing into a pipe whose reader died: nothing left to deliver.
        }
    }
}
