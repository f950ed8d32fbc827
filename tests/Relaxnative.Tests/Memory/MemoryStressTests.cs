using Relaxnative.Memory.Heap;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Memory;

[Collection(SerialCollection.Name)]
public unsafe class MemoryStressTests
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
    public void Stress_FreeRacingReadsAndWritesOnEightThreads_NoAccessToReleasedMemory()
    {
        // Guarded blocks are poisoned (0xDD) at their physical release; the seam then holds each one poisoned for a
        // while before it goes back to malloc. A read that the release raced would see poison (or allocator data),
        // never a value this test wrote; a write that raced it would leave a hole in the poison the seam finds.
        Quarantine.DrainAll();
        var before = Native.Stats;
        const int Threads = 8;
        const int Slots = 16;
        const int Size = 64;
        var shared = new NativeBuffer?[Slots];
        int allocated = 0, released = 0, poisonDamaged = 0, badReads = 0, raced = 0, reads = 0;
        var unexpected = new System.Collections.Concurrent.ConcurrentBag<Exception>();

        GuardZones.BeforeFree = (block, total) =>
        {
            Interlocked.Increment(ref released);
            Thread.SpinWait(500);
            if (new ReadOnlySpan<byte>((void*)block, (int)total).ContainsAnyExcept(GuardZones.Poison))
            {
                Interlocked.Increment(ref poisonDamaged);
            }
        };

        try
        {
            for (int i = 0; i < Slots; i++)
            {
                shared[i] = NewBuffer();
            }

            var workers = Enumerable.Range(0, Threads).Select(seed => new Thread(() =>
            {
                var random = new Random(seed);
                for (int i = 0; i < 20_000; i++)
                {
                    int slot = random.Next(Slots);
                    long offset = 8 * random.Next(Size / 8);
                    try
                    {
                        var buffer = Volatile.Read(ref shared[slot]);
                        switch (random.Next(8))
                        {
                            case 0: // replace the slot's buffer and free the old one under the other threads
                                var old = Interlocked.Exchange(ref shared[slot], NewBuffer());
                                if (random.Next(2) == 0)
                                {
                                    old?.Free();
                                }
                                else
                                {
                                    old?.Dispose();
                                }

                                break;
                            case 1 or 2 or 3:
                                buffer?.Write(offset, Pattern(i));
                                break;
                            default:
                                if (buffer is not null)
                                {
                                    long value = buffer.Read<long>(offset);
                                    Interlocked.Increment(ref reads);
                                    if (!IsPattern(value))
                                    {
                                        Interlocked.Increment(ref badReads);
                                    }
                                }

                                break;
                        }
                    }
                    catch (Exception e)
                    {
                        // A use that lost its race with a free throws; that is the documented outcome, not a failure.
                        if (e is UseAfterFreeException or InvalidFreeException)
                        {
                            Interlocked.Increment(ref raced);
                        }
                        else
                        {
                            unexpected.Add(e);
                        }
                    }
                }
            })).ToArray();

            Array.ForEach(workers, t => t.Start());
            Array.ForEach(workers, t => t.Join());
            Array.ForEach(shared, buffer => buffer?.Dispose());
            Quarantine.DrainAll();
        }
        finally
        {
            GuardZones.BeforeFree = null;
        }

        Assert.Empty(unexpected);
        Assert.Equal(0, badReads);
        Assert.Equal(0, poisonDamaged);
        Assert.True(raced > 0, "the stress should have raced some accesses against frees");
        Assert.True(reads > 10_000, $"{reads} reads");
        Assert.Equal(allocated, released);
        Assert.Equal(0, Quarantine.Count);
        var after = Native.Stats;
        Assert.Equal(before.LiveAllocations, after.LiveAllocations);
        Assert.Equal(before.LiveBytes, after.LiveBytes);
        Assert.Equal(before.OverrunsDetected, after.OverrunsDetected);

        NativeBuffer NewBuffer()
        {
            Interlocked.Increment(ref allocated);
            return Native.Alloc(Size, new AllocOptions { Guard = true });
        }
    }

    // Every byte the same, 1 to 200: never the poison (0xDD), and a torn value would not pass either.
    private const ulong EveryByte = 0x0101010101010101UL;

    private static long Pattern(int i) => unchecked((long)(EveryByte * (ulong)((i % 200) + 1)));

    private static bool IsPattern(long value) =>
        value == 0 || ((ulong)value % EveryByte == 0 && (ulong)value / EveryByte is >= 1 and <= 200);
}
