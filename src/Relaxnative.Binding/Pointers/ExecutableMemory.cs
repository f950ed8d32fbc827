using System.Globalization;

namespace Relaxnative.Binding;

/// <summary>
/// Whether an address lies in executable memory of this process, read from <c>/proc/self/maps</c>. Made function
/// pointers are checked once, when they become callable: calling a data address (a buffer, a string, a vtable
/// instead of one of its entries) would jump into bytes that are not code.
/// </summary>
internal static class ExecutableMemory
{
    /// <summary>Null when <paramref name="address"/> is in an executable mapping; otherwise what the address is in, for the message.</summary>
    public static string? Problem(nint address)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null; // no cheap check elsewhere; the call itself is the test
        }

        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            // 7f3a1000-7f3a2000 r-xp 00000000 08:01 1234   /usr/lib/libc.so.6
            int dash = line.IndexOf('-', StringComparison.Ordinal);
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            if (dash < 0 || space < dash)
            {
                continue;
            }

            ulong start = ulong.Parse(line.AsSpan(0, dash), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ulong end = ulong.Parse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if ((ulong)address < start || (ulong)address >= end)
            {
                continue;
            }

            string permissions = line.Substring(space + 1, 4);
            if (permissions[2] == 'x')
            {
                return null;
            }

            string[] fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            string what = fields.Length >= 6 ? fields[5].Trim() : "anonymous memory";
            return $"it points into {what} ({permissions}), which is not executable";
        }

        return "it is not mapped in this process";
    }
}
