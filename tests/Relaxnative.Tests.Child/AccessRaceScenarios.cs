using Relaxnative.Memory.Heap;

namespace Relaxnative.Tests.Child;

/// <summary>Checked accessors and native calls racing Free, where reading or writing released memory would be caught.</summary>
internal static unsafe class AccessRaceScenarios
{
    private const string FillAndCount = "size_t fill_and_count(uint8_t* data, size_t n, uint8_t value, uint8_t sought)";

    private delegate nuint FillAndCountTyped(NativeBuffer data, nuint n, byte value, byte sought);

    /// <summary>
    /// Free racing Read&lt;T&gt;/Write&lt;T&gt;, the copies and native calls (typed and untyped, from tests/native/pins.c
    /// built at <c>args[1]</c>) on 8 threads over guarded (poisoned-at-release) buffers; prints the counts the test
    /// asserts on.
    /// </summary>
    internal static int FreeRacingUses(string[] args)
    {
        // Guarded blocks are poisoned (0xDD) at their physical release; the seam then holds each one poisoned for a
        // while before it goes back to malloc. A read that the release raced would see poison (or allocator data),
        // never a value this test wrote; a write that raced it would leave a hole in the poison the seam finds.
        // Read<T>/Write<T> are one instruction wide, so the copies (ToArray, Write(span)) of 64 KiB keep accesses
        // in flight long enough that a release under them is caught, not just unlikely: with the quarantine's
        // barrier and scan bypassed (blocks freed at once), this test fails. The native calls fill all 64 KiB and read
        // it back: a release under the call shows as poison read back (or as a hole in the poison).
        using var pins = Native.Open(args[1]);
        var typed = pins.Bind<FillAndCountTyped>(FillAndCount);
        var untyped = pins.Bind(FillAndCount);
        Quarantine.DrainAll();
        var before = Native.Stats;
        const int Threads = 8;
        const int Slots = 16;
        const int Size = 64 * 1024;
        var shared = new NativeBuffer?[Slots];
        int allocated = 0, released = 0, poisonDamaged = 0, badReads = 0, raced = 0, reads = 0, calls = 0, badCalls = 0;
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
                var source = new byte[Size];
                for (int i = 0; i < 4_000; i++)
                {
                    int slot = random.Next(Slots);
                    long offset = 8 * random.Next(Size / 8);
                    try
                    {
                        var buffer = Volatile.Read(ref shared[slot]);
                        switch (random.Next(12))
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
                            case 1 or 2:
                                buffer?.Write(offset, Pattern(i));
                                break;
                            case 3:
                                source.AsSpan().Fill((byte)((i % 200) + 1));
                                buffer?.Write(source);
                                break;
                            case 4:
                                if (buffer?.ToArray() is { } copy)
                                {
                                    Interlocked.Increment(ref reads);
                                    if (copy.AsSpan().Contains(GuardZones.Poison))
                                    {
                                        Interlocked.Increment(ref badReads);
                                    }
                                }

                                break;
                            case 5 or 6:
                                if (buffer is not null)
                                {
                                    byte value = (byte)((i % 200) + 1);
                                    nuint poisoned = i % 2 == 0
                                        ? typed(buffer, Size, value, GuardZones.Poison)
                                        : (nuint)untyped.Invoke(buffer, (nuint)Size, value, GuardZones.Poison)!;
                                    Interlocked.Increment(ref calls);
                                    if (poisoned != 0)
                                    {
                                        Interlocked.Increment(ref badCalls);
                                    }
                                }

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

        foreach (var e in unexpected)
        {
            Console.Error.WriteLine(e);
        }

        var after = Native.Stats;
        Console.WriteLine($"badReads={badReads} poisonDamaged={poisonDamaged} raced={raced} reads={reads} calls={calls} badCalls={badCalls}");
        Console.WriteLine($"allocated={allocated} released={released} quarantined={Quarantine.Count}");
        Console.WriteLine($"liveDelta={after.LiveAllocations - before.LiveAllocations} liveBytesDelta={after.LiveBytes - before.LiveBytes} overrunsDelta={after.OverrunsDetected - before.OverrunsDetected}");
        return unexpected.IsEmpty ? 0 : 1;

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
