using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

[Collection(SerialCollection.Name)]
public class MemoryStressTests
{
    [Fact]
    public void Stress_ThreadsAllocWriteReadFreeAndRaceFreeAgainstLeases_NoCrashAndStatsReturnToBaseline()
    {
        var before = Native.Stats;
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<Exception>();
        int documentedRaces = 0;
        const int Threads = 6;
        var shared = new NativeBuffer?[64];

        var workers = Enumerable.Range(0, Threads).Select(seed => new Thread(() =>
        {
            var random = new Random(seed);
            for (int i = 0; i < 4000; i++)
            {
                try
                {
                    int slot = random.Next(shared.Length);
                    switch (random.Next(6))
                    {
                        case 0: // publish a new buffer into a shared slot; dispose whatever was there
                            var fresh = Native.Alloc(8 + random.Next(512), new AllocOptions { Guard = random.Next(4) == 0 });
                            fresh.Write(0, i);
                            Interlocked.Exchange(ref shared[slot], fresh)?.Dispose();
                            break;
                        case 1: // free a shared buffer that others may be using
                            Volatile.Read(ref shared[slot])?.Free();
                            break;
                        case 2: // leased use, the way a native call holds its arguments
                            if (Volatile.Read(ref shared[slot]) is { } leased)
                            {
                                using var lease = leased.Lease();
                                var span = lease.AsSpan();
                                span.Fill((byte)i);
                                if (span[^1] != (byte)i)
                                {
                                    throw new InvalidOperationException("leased memory changed under the lease");
                                }
                            }

                            break;
                        case 3: // checked reads and writes
                            if (Volatile.Read(ref shared[slot]) is { } target)
                            {
                                target.Write(4, i);
                                _ = target.Read<int>(4);
                                _ = target.ToArray();
                            }

                            break;
                        case 4: // private buffers: alloc, write, read, free
                            using (var own = Native.Alloc(64))
                            {
                                own.Write(8, (long)i);
                                if (own.Read<long>(8) != i)
                                {
                                    throw new InvalidOperationException("private buffer lost a write");
                                }
                            }

                            break;
                        default: // slices of shared buffers
                            if (Volatile.Read(ref shared[slot]) is { } owner)
                            {
                                _ = owner.Slice(0, 4).Read<int>();
                            }

                            break;
                    }
                }
                catch (Exception e) when (e is UseAfterFreeException or InvalidFreeException)
                {
                    Interlocked.Increment(ref documentedRaces);
                }
                catch (Exception e)
                {
                    unexpected.Add(e);
                }
            }
        })).ToList();

        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        foreach (var buffer in shared)
        {
            buffer?.Dispose();
        }

        Assert.Empty(unexpected);
        Assert.True(documentedRaces > 0, "the stress should have produced some use-after-free races");
        var after = Native.Stats;
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
        Assert.Equal(before.LiveBytes, after.LiveBytes);
        Assert.Equal(before.OverrunsDetected, after.OverrunsDetected);
    }

    [Fact]
    public void Stress_FreeRacingReadsWritesAndNativeCallsOnEightThreads_NoAccessToReleasedMemory()
    {
        // In a child process: were the release path broken, writes into freed memory could crash the test host.
        var result = ChildProcess.Run("free-racing-uses", arguments: NativeFixtures.Build("pins.c"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var counts = result.StandardOutput.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('='))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, counts["badReads"]);
        Assert.Equal(0, counts["poisonDamaged"]);
        Assert.Equal(0, counts["badCalls"]);
        Assert.True(counts["calls"] > 1_000, result.ToString());
        Assert.True(counts["raced"] > 0, result.ToString());
        Assert.True(counts["reads"] > 5_000, result.ToString());
        Assert.Equal(counts["allocated"], counts["released"]);
        Assert.Equal(0, counts["quarantined"]);
        Assert.Equal(0, counts["liveDelta"]);
        Assert.Equal(0, counts["liveBytesDelta"]);
        Assert.Equal(0, counts["overrunsDelta"]);
    }
}
