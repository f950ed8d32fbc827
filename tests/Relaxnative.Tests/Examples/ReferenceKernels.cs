namespace Relaxnative.Tests.Examples;

/// <summary>Plain C# versions of the example kernels, written for clarity rather than speed.</summary>
internal static class ReferenceKernels
{
    /// <summary>CRC-32 (IEEE, reflected, polynomial 0xEDB88320), one bit at a time, with no table to get wrong.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    public static double Dot(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>Row-major n x n product in the i-j-k order of the textbook definition.</summary>
    public static float[] Matmul(float[] a, float[] b, int n)
    {
        var c = new float[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0f;
                for (var k = 0; k < n; k++)
                {
                    sum += a[(i * n) + k] * b[(k * n) + j];
                }

                c[(i * n) + j] = sum;
            }
        }

        return c;
    }

    /// <summary>The loop of examples/heavy.c, step for step.</summary>
    public static double Heavy(long iterations)
    {
        var x = 0.5;
        var acc = 0.0;
        for (long i = 0; i < iterations; i++)
        {
            x = 3.9 * x * (1.0 - x);
            acc = (acc * 0.5) + (x * 0.5);
        }

        return acc;
    }

    public static double Median(double[] values)
    {
        if (values.Length == 0)
        {
            return 0.0;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
