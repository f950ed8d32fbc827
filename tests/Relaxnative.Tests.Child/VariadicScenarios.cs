using System.Text;
using Relaxnative;

namespace Relaxnative.Tests.Child;

/// <summary>
/// Variadic calls in a fresh process, where the registers the JIT leaves behind differ from run to run: a caller
/// that does not set %al for a variadic callee on x86-64 printed wrong doubles in about one process in six.
/// </summary>
internal static class VariadicScenarios
{
    /// <summary>Formats doubles with libc's snprintf, untyped then typed, as the first calls of the process.</summary>
    internal static int Snprintf()
    {
        using var libc = Native.Open("c");
        var snprintf = libc.Bind("int snprintf(char* str, size_t size, const char* format, ...)");
        byte[] buffer = new byte[128];
        snprintf.Invoke(buffer, (nuint)buffer.Length, "%.4f %.1e %g", 1.0 / 3, 6.02e23, -0.5);
        Console.WriteLine("untyped=" + Text(buffer));
        var typed = snprintf.AsDelegate<Func<byte[], nuint, string, double, double, int, int>>();
        typed(buffer, (nuint)buffer.Length, "%.2f|%.2f|%d", 2.75, -1.25, 9);
        Console.WriteLine("typed=" + Text(buffer));
        return 0;
    }

    /// <summary>Prints through libc's printf into this process's stdout (a pipe when run by a test), then flushes C's buffer.</summary>
    internal static int Printf()
    {
        using var libc = Native.Open("c");
        var printf = libc.Bind<Func<string, int, double, string, int>>("int printf(const char* format, ...)");
        int written = printf("printf:%d|%.3f|%s\n", 42, 2.5, "naïve");
        libc.Bind("int fflush(void* stream)").Invoke([null]);
        Console.Out.Flush();
        Console.WriteLine($"written={written}");
        return 0;
    }

    private static string Text(byte[] buffer) => Encoding.UTF8.GetString(buffer, 0, Array.IndexOf(buffer, (byte)0));
}
