using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Relaxnative.Isolation.Process;

/// <summary>
/// A read-only stream over a pipe descriptor that polls (non-blocking reads) for a short time before sleeping in
/// <c>poll(2)</c>. A helper call is a ping-pong of two small frames: sleeping on each side costs two thread wake-ups,
/// most of the round trip (ProcessCallBenchmarks.Process_Add), while a brief poll catches the answer as it lands.
/// </summary>
internal sealed partial class PollingPipeStream : Stream
{
    private const int EAGAIN = 11;
    private const int EINTR = 4;
    private const int FGetFl = 3;
    private const int FSetFl = 4;
    private const int ONonBlock = 0x800;
    private const short PollIn = 0x001;

    private readonly int _fd;
    private readonly long _spinTicks;
    private readonly SafeHandle? _owner;

    /// <summary>Wraps <paramref name="fd"/>, switching it to non-blocking mode.</summary>
    /// <param name="fd">The pipe's read end.</param>
    /// <param name="spin">How long to poll before sleeping.</param>
    /// <param name="owner">The handle that owns the descriptor, kept alive (and referenced) with this stream.</param>
    internal PollingPipeStream(int fd, TimeSpan spin, SafeHandle? owner = null)
    {
        _fd = fd;
        _owner = owner;
        _spinTicks = (long)(spin.TotalSeconds * Stopwatch.Frequency);
        int flags = Fcntl(fd, FGetFl, 0);
        if (flags < 0 || Fcntl(fd, FSetFl, flags | ONonBlock) < 0)
        {
            throw new IOException($"fcntl(O_NONBLOCK) failed on descriptor {fd} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    /// <summary>Wraps the read end of a .NET pipe or file stream, or returns null when its descriptor is not reachable.</summary>
    internal static PollingPipeStream? TryWrap(Stream stream, TimeSpan spin)
    {
        SafeHandle? handle = stream switch
        {
            System.IO.Pipes.PipeStream pipe => pipe.SafePipeHandle,
            FileStream file => file.SafeFileHandle,
            _ => null,
        };
        return handle is null || handle.IsInvalid ? null : new PollingPipeStream((int)handle.DangerousGetHandle(), spin, handle);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        long spinUntil = 0;
        while (true)
        {
            nint read = ReadFd(_fd, ref MemoryMarshal.GetReference(buffer), buffer.Length);
            if (read >= 0)
            {
                return (int)read;
            }

            int errno = Marshal.GetLastPInvokeError();
            if (errno == EINTR)
            {
                continue;
            }

            if (errno != EAGAIN)
            {
                throw new IOException($"read() from the helper pipe failed (errno {errno}).");
            }

            long now = Stopwatch.GetTimestamp();
            if (spinUntil == 0)
            {
                spinUntil = now + _spinTicks;
            }

            if (now < spinUntil)
            {
                Thread.SpinWait(20);
                continue;
            }

            var poll = new PollFd { Fd = _fd, Events = PollIn };
            _ = Poll(ref poll, 1, -1);
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owner?.Dispose();
        }

        base.Dispose(disposing);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        internal int Fd;
        internal short Events;
        internal short Revents;
    }

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint ReadFd(int fd, ref byte buffer, nint count);

    [DllImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static extern int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    // fcntl is variadic; a fixed third int argument is ABI-compatible on x86-64 and arm64 Linux.
    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);
}
