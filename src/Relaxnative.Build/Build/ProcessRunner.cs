using System.Diagnostics;
using System.Text;

namespace Relaxnative.Build;

/// <summary>Runs compilers as child processes with argument lists (never a shell) and captures their output.</summary>
internal static class ProcessRunner
{
    /// <summary>Runs a process to completion, killing its whole tree on cancellation.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; the process tree was killed.</exception>
    public static async Task<ProcessOutcome> RunAsync(string fileName, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        using var process = Start(fileName, arguments, workingDirectory);
        // Both streams are drained concurrently so a chatty compiler never blocks on a full pipe.
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        return new ProcessOutcome(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a short process (a <c>--version</c> probe) synchronously with a time limit.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The executable could not be started.</exception>
    /// <exception cref="TimeoutException">The process did not exit in time; it was killed.</exception>
    public static ProcessOutcome Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        using var process = Start(fileName, arguments, workingDirectory: null);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            throw new TimeoutException($"did not exit within {timeout.TotalSeconds:0} s");
        }

        process.WaitForExit(); // flushes the asynchronous readers
        return new ProcessOutcome(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Formats a command so it can be pasted into a POSIX shell.</summary>
    public static string FormatCommandLine(string fileName, IEnumerable<string> arguments)
    {
        var builder = new StringBuilder(Quote(fileName));
        foreach (var argument in arguments)
        {
            builder.Append(' ').Append(Quote(argument));
        }

        return builder.ToString();
    }

    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static Process Start(string fileName, IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        // The C locale keeps diagnostics in English with ASCII quotes, which the diagnostic parser expects.
        info.Environment["LC_ALL"] = "C";
        return Process.Start(info) ?? throw new InvalidOperationException($"Process.Start returned null for '{fileName}'.");
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
    }
}
