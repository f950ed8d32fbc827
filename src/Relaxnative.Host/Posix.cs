using System.Runtime.InteropServices;

namespace Relaxnative.Host;

/// <summary>The few libc calls the helper needs at start-up. Blittable signatures only: no unsafe code.</summary>
internal static partial class Posix
{
    internal const int PrSetPdeathsig = 1;
    internal const int SigKill = 9;
    internal const int RlimitCpu = 0;
    internal const int RlimitAs = 9;

    [StructLayout(LayoutKind.Sequential)]
    internal struct RLimit
    {
        internal ulong Current;
        internal ulong Maximum;
    }

    // prctl is variadic in C; on x86-64 and arm64 Linux a fixed five-argument call is ABI-compatible for integer arguments.
    [DllImport("libc", EntryPoint = "prctl", SetLastError = true)]
    internal static extern int Prctl(int option, ulong arg2, ulong arg3, ulong arg4, ulong arg5);

    [DllImport("libc", EntryPoint = "getppid")]
    internal static extern int GetParentProcessId();

    [DllImport("libc", EntryPoint = "dup", SetLastError = true)]
    internal static extern int Dup(int fd);

    [DllImport("libc", EntryPoint = "dup2", SetLastError = true)]
    internal static extern int Dup2(int fd, int fd2);

    [DllImport("libc", EntryPoint = "signal", SetLastError = true)]
    internal static extern nint Signal(int signal, nint handler);

    [DllImport("libc", EntryPoint = "unsetenv", SetLastError = true)]
    internal static extern int UnsetEnvironmentVariable([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    internal static extern int SetResourceLimit(int resource, ref RLimit limit);
}
