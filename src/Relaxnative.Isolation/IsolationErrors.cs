using System.Globalization;
using System.Text;

namespace Relaxnative;

/// <summary>Every message of the Isolation room, in one place.</summary>
internal static class IsolationErrors
{
    internal static string Crash(string? function, string? signal, int exitCode, string stderrTail)
    {
        var text = new StringBuilder();
        text.Append(function is null ? "The helper process died" : $"The helper process died while running '{function}'");
        string code = exitCode.ToString(CultureInfo.InvariantCulture);
        text.Append(signal is null
            ? ": it exited with code " + code + " (native code called exit()?)."
            : ": it was killed by " + signal + " (exit code " + code + ").");
        text.Append(" The host process is unaffected; the next call starts a fresh helper. Buffers you passed hold their contents from before the call.");
        if (stderrTail.Length > 0)
        {
            text.AppendLine().Append("Helper stderr (last lines):").AppendLine().Append(stderrTail);
        }

        return text.ToString();
    }

    internal static string Timeout(string function, TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture,
            $"'{function}' ran longer than the call timeout of {timeout.TotalMilliseconds:0.###} ms, so its helper process was killed. ") +
            "The next call starts a fresh helper; pointers it returned before are gone. Raise CallTimeout if the call is legitimately slow.";

    internal static string CallbackRefused(string function, int index, string? name) =>
        $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}' is a callback, but the module runs in a helper process " +
        "(IsolationMode.Process), which cannot call back into this process. Load the module with IsolationMode.Worker or InProcess " +
        "to pass delegates, or pass a native function pointer (nint) that lives in the helper.";

    internal static string UnsizedPointer(string function, int index, string? name) =>
        $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}' is a NativePointer of unknown size into this process; " +
        "the helper process cannot see this memory and Relaxnative cannot know how much to copy. Pass the NativeBuffer, a " +
        "NativePointer from Slice (it has a size), or memory from the module's Alloc (shared with the helper, no copy).";

    internal static string ForeignRemote(string function, int index, string? name, string origin, string current) =>
        $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}' is a pointer from another helper process ({origin}). " +
        $"It only means something to the module whose helper returned it; this call runs in {current}. " +
        "Pass it to functions of the module that returned it.";

    internal static string LocalFunctionPointer(nint address, string libraryPath) =>
        string.Create(CultureInfo.InvariantCulture, $"Cannot call the function pointer 0x{address:x} in the helper process of '{libraryPath}': ") +
        "it is an address in this process, which means nothing in the helper. Pass a pointer the module's own functions returned.";

    internal static string ForeignFunctionPointer(nint address, string origin, string current) =>
        string.Create(CultureInfo.InvariantCulture, $"Cannot call the function pointer 0x{address:x}: it came from another helper process ({origin}), ") +
        $"and this module's calls run in {current}. Make it callable with FromPointer of the module that returned it.";

    internal static string RestartedFunctionPointer(nint address, string origin, string current) =>
        string.Create(CultureInfo.InvariantCulture, $"Cannot call the function pointer 0x{address:x}: it came from this module's earlier helper ({origin}), ") +
        $"which has since exited (crash, timeout or kill) and was restarted as {current}; the code may now be elsewhere. " +
        "Call the function that returned the pointer again and make the new pointer callable.";

    internal static string RestartedRemote(string function, int index, string? name, string origin, string current) =>
        $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}' is a pointer from this module's earlier helper " +
        $"({origin}), which has since exited (crash, timeout or kill) and was restarted as {current}. " +
        "The handle is gone with the memory it named: call the function that created it again and use the new pointer.";

    internal static string UnreadablePointer(string function, int index, string? name, nint address, long byteCount, int errno) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}' is a NativePointer to 0x{(long)address:x} ({byteCount} bytes) ") +
        string.Create(CultureInfo.InvariantCulture, $"that is not readable memory of this process (errno {errno}). ") +
        "In IsolationMode.Process the host reads pointer arguments to copy them to the helper, so the pointer must name " +
        "memory of this process with its true size: pass the NativeBuffer (or a Slice of it), or memory from the module's Alloc.";

    internal static string UnwritablePointer(string function, nint address, long byteCount, int errno) =>
        string.Create(CultureInfo.InvariantCulture,
            $"'{function}' ran, but its output could not be copied back to the NativePointer 0x{(long)address:x} ({byteCount} bytes): ") +
        string.Create(CultureInfo.InvariantCulture, $"the memory is no longer writable in this process (errno {errno}). ") +
        "Keep memory passed to a process-isolated call mapped and writable until the call returns.";

    internal static string SharedMemoryFailed(string call, int errno, long byteCount) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Cannot create {byteCount} bytes of memory shared with the helper process: {call} failed with errno {errno}. ") +
        "IsolationMode.Process needs Linux memfd_create (kernel 3.17 or later) and enough memory (check ulimit -v and the memory cgroup).";

    internal static string UnsupportedArgument(string function, int index, string? name, object value) =>
        $"Argument {index + 1} ('{name ?? "unnamed"}') of '{function}': {value.GetType().Name} cannot cross into the helper process. " +
        "Pass a NativeBuffer, an array of a primitive type, a string (for const char*), a NativePointer returned by this module, nint, or null.";

    internal static string HostNotFound(IReadOnlyList<string> tried) =>
        "Cannot start the helper process Relaxnative.Host, which IsolationMode.Process needs. Tried:" +
        string.Concat(tried.Select(t => Environment.NewLine + "  " + t)) + Environment.NewLine +
        "Reference the Relaxnative package (its build targets deliver the helper to the application's output), or set " +
        "RELAXNATIVE_HOST (or ProcessIsolationOptions.HostPath) to the full path of Relaxnative.Host.dll. See docs/packaging.md.";

    internal static string HelperStartFailed(string command, string detail, string stderrTail) =>
        $"The helper process did not start ({command}): {detail}" +
        (stderrTail.Length > 0 ? Environment.NewLine + "Helper stderr (last lines):" + Environment.NewLine + stderrTail : "") +
        Environment.NewLine + "Run the same command by hand to see why, or set RELAXNATIVE_HOST to a helper that runs here. See docs/packaging.md.";

    internal static string ExecFailed(string program, int errno, string reason) =>
        errno switch
        {
            2 => $"'{program}' does not exist (ENOENT).",
            13 => $"'{program}' is not executable (EACCES): check its mode (chmod +x) and that its file system allows execution.",
            8 => $"'{program}' is not a program this machine can run (ENOEXEC).",
            _ => $"'{program}' could not be executed: {reason} (errno {errno.ToString(CultureInfo.InvariantCulture)}).",
        };

    internal static string ExitedBeforeGreeting(int exitCode) =>
        $"it exited with code {exitCode.ToString(CultureInfo.InvariantCulture)} before greeting; its stderr (below) says why: " +
        "a missing .NET runtime, a missing assembly or a failed start-up shows there.";

    internal static string WorkerDisposed() =>
        "The worker pool was disposed before this call ran. Dispose the module only after its calls have finished.";
}
