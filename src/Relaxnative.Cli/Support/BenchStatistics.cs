using System.Diagnostics;

namespace Relaxnative.Cli.Support;

/// <summary>Per-call times of a measured run, in nanoseconds, and the throughput of the whole loop.</summary>
internal sealed record BenchStatistics(int Iterations, double CallsPerSecond, double MeanNs, double MedianNs, double P95Ns, double MinNs)
{
    /// <summary>Calls <paramref name="call"/> <paramref name="warmup"/> times, then <paramref name="iterations"/> times, timing each call.</summary>
    public static BenchStatistics Measure(Action call, int iterations, int warmup)
    {
        for (int i = 0; i < warmup; i++)
        {
            call();
        }

        var ticks = new long[iterations];
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < iterations; i++)
        {
            long before = Stopwatch.GetTimestamp();
            call();
            ticks[i] = Stopwatch.GetTimestamp() - before;
        }

        double totalSeconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
        double toNs = 1e9 / Stopwatch.Frequency;
        Array.Sort(ticks);
        return new BenchStatistics(
            iterations,
            iterations / Math.Max(totalSeconds, 1e-12),
            ticks.Average() * toNs,
            Percentile(ticks, 0.5) * toNs,
            Percentile(ticks, 0.95) * toNs,
            ticks[0] * toNs);
    }

    private static double Percentile(long[] sorted, double fraction)
    {
        double rank = fraction * (sorted.Length - 1);
        int low = (int)Math.Floor(rank);
        int high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }
}
