using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// Copies to and from addresses of this process that nothing vouches for (a <see cref="NativePointer"/> made from a
/// raw address), with <c>process_vm_readv</c>/<c>process_vm_writev</c> on this process itself: the kernel checks
/// the range and returns EFAULT for an unmapped or protected page instead of raising SIGSEGV, which .NET would turn
/// into a NullReferenceException (below 64 KiB) or a crash of the host (above). One system call per pointer, which
/// also does the copy; no probing, no race between a check and the copy.
/// </summary>
internal static class SelfMemory
{
    private const int EFault = 14;
    private const int EPerm = 1;
    private const int ENoSys = 38;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        internal nint Base;
        internal nuint Length;
    }

    /// <summary>Copies <paramref name="byteCount"/> bytes from <paramref name="source"/> (unchecked) to <paramref name="target"/> (known good).</summary>
    /// <returns>0 on success, else the errno (EFAULT: the source range is not readable).</returns>
    internal static int TryRead(nint source, nint target, long byteCount) => Transfer(target, source, byteCount, write: false);

    /// <summary>Copies <paramref name="byteCount"/> bytes from <paramref name="source"/> (known good) to <paramref name="target"/> (unchecked).</summary>
    /// <returns>0 on success, else the errno (EFAULT: the target range is not writable).</returns>
    internal static int TryWrite(nint source, nint target, long byteCount) => Transfer(source, target, byteCount, write: true);

    private static int Transfer(nint local, nint remote, long byteCount, bool write)
    {
        if (byteCount == 0)
        {
            return 0;
        }

        var localVector = new IoVec { Base = local, Length = (nuint)byteCount };
        var remoteVector = new IoVec { Base = remote, Length = (nuint)byteCount };
        int pid = System.Environment.ProcessId;
        nint copied = write
            ? ProcessVmWritev(pid, ref localVector, 1, ref remoteVector, 1, 0)
            : ProcessVmReadv(pid, ref localVector, 1, ref remoteVector, 1, 0);
        if (copied == byteCount)
        {
            return 0;
        }

        int errno = copied < 0 ? Marshal.GetLastPInvokeError() : EFault;
        if (errno is EPerm or ENoSys)
        {
            // A sandbox (seccomp) forbids the call: copy directly, as the host did before it could check (docs/isolation.md).
            var from = Unchecked(write ? local : remote, checked((int)byteCount));
            from.CopyTo(Unchecked(write ? remote : local, checked((int)byteCount)));
            return 0;
        }

        return errno;
    }

    /// <summary>
    /// A span over memory the caller vouches for (it holds a lease on the owning buffer, which keeps the memory even
    /// when the buffer is marked freed meanwhile, where <see cref="NativeBuffer.AsSpan{T}(long, int?)"/> would throw).
    /// </summary>
    internal static Span<byte> Unchecked(nint address, int byteCount) =>
        MemoryMarshal.CreateSpan(ref Unsafe.AddByteOffset(ref Unsafe.NullRef<byte>(), address), byteCount);

    [DllImport("libc", EntryPoint = "process_vm_readv", SetLastError = true)]
    private static extern nint ProcessVmReadv(int pid, ref IoVec local, nuint localCount, ref IoVec remote, nuint remoteCount, nuint flags);

    [DllImport("libc", EntryPoint = "process_vm_writev", SetLastError = true)]
    private static extern nint ProcessVmWritev(int pid, ref IoVec local, nuint localCount, ref IoVec remote, nuint remoteCount, nuint flags);
}
