namespace Relaxnative.Tests.Facade;

/// <summary>Variadic functions as glibc's own headers declare them, bound by Native.Open with those headers.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class VariadicHeaderTests
{
    private const int OWronly = 0x1;
    private const int OCreat = 0x40;
    private const int OExcl = 0x80;
    private const int FGetfd = 1;
    private const int FSetfd = 2;
    private const int FdCloexec = 1;

    [Fact]
    public void Open_FcntlHeader_OpenAndFcntlTakeTheirVariadicArguments()
    {
        using var libc = Native.Open("c", new OpenOptions { Headers = ["fcntl.h", "unistd.h", "stdio.h"] });
        string path = Path.Combine(Path.GetTempPath(), "relaxnative-variadic-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.True(libc["open"].IsVariadic);
            // The mode is the variadic argument: it reaches the kernel only if open reads it where we put it.
            int fd = (int)libc["open"].Invoke(path, OWronly | OCreat | OExcl, 0x180u /* 0600 */)!;
            Assert.True(fd >= 0, $"open returned {fd}");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(0, libc["fcntl"].Invoke(fd, FGetfd));
            Assert.Equal(0, libc["fcntl"].Invoke(fd, FSetfd, FdCloexec));
            Assert.Equal(FdCloexec, libc["fcntl"].Invoke(fd, FGetfd));
            Assert.Equal(0, libc["close"].Invoke(fd));

            byte[] buffer = new byte[32];
            libc["snprintf"].Invoke(buffer, (nuint)buffer.Length, "%.1f%%", 99.5);
            Assert.Equal("99.5%", System.Text.Encoding.ASCII.GetString(buffer, 0, 5));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
