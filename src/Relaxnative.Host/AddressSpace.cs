using System.Globalization;

namespace Relaxnative.Host;

/// <summary>The helper's current virtual size (VmSize in /proc/self/status), in bytes.</summary>
internal static class AddressSpace
{
    internal static ulong CurrentBytes()
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmSize:", StringComparison.Ordinal))
            {
                string kilobytes = line["VmSize:".Length..].Trim().Split(' ')[0];
                return ulong.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }
}
