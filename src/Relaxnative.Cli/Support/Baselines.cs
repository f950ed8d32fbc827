using System.Runtime.CompilerServices;

namespace Relaxnative.Cli.Support;

/// <summary>
/// The example kernels written as plain C#, the way a .NET developer would without native code: simple loops over
/// spans (no hand vectorisation), so <c>bench --traditional</c> compares like with like. Each is fully optimised from
/// its first call (AggressiveOptimization), so a short run never measures tier-0 code.
/// </summary>
internal static class Baselines
{
    private static readonly uint[] s_crcTable = CreateCrcTable();
    private static long s_step = 1;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong SumU8(ReadOnlySpan<byte> data)
    {
        ulong sum = 0;
        foreach (byte b in data)
        {
            sum += b;
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void FillU8(Span<byte> data, byte value)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = value;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static uint Crc32U8(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in data)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DotF64(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SaxpyF64(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void XorU8(Span<byte> data, byte key)
    {
        for (int i = 0; i < data.Length; i++)
        {
            data[i] ^= key;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void HistogramU8(ReadOnlySpan<byte> data, Span<uint> bins)
    {
        foreach (byte b in data)
        {
            bins[b]++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MatmulF32(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int n)
    {
        c.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                float aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    c[i * n + j] += aik * b[k * n + j];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long LoopSum(long n)
    {
        // Read once per iteration, as the C version's volatile step is, so the loop is not folded away.
        long sum = 0;
        for (long i = 0; i < n; i++)
        {
            sum += i * Volatile.Read(ref s_step);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Add(int a, int b) => a + b;

    private static uint[] CreateCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
