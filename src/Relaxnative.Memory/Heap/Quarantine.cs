namespace Relaxnative.Memory.Heap;

/// <summary>
/// Holds blocks that are freed (logically: counted, untracked, canaries checked) but not yet returned to the
/// allocator, because a checked accessor or a native call on some thread may still be using them. A batch is released
/// after one <see cref="Interlocked.MemoryBarrierProcessWide"/> and a scan of every thread's access slot and call pins:
/// a block whose address none of them holds can no longer be read or written, and goes back to the allocator.
/// </summary>
/// <remarks>
/// <para>Only blocks that a checked accessor (<c>Read&lt;T&gt;</c>, <c>Write&lt;T&gt;</c>, ...) or a native call has
/// touched come here; a buffer never used that way is released at once by its <c>Free</c>. Striped by processor so
/// frees on different cores do not contend; each stripe is bounded (<see cref="MaxEntriesPerStripe"/> blocks,
/// <see cref="MaxBytesPerStripe"/> bytes, not counting blocks a drain found still in use) and drained when it reaches
/// either bound. <see cref="DrainAll"/> also runs when an allocation fails, when an arena that quarantined blocks is
/// disposed, and after each full (gen 2) GC, so a quiet process does not keep freed blocks indefinitely.</para>
/// <para>The process-wide barrier costs microseconds (an interrupt on every core running the process), so it is paid
/// once per batch, never per free: see <c>AllocFreeBenchmarks</c> and docs/memory.md.</para>
/// </remarks>
internal static class Quarantine
{
    /// <summary>Blocks a stripe holds before it is drained.</summary>
    internal const int MaxEntriesPerStripe = 4096;

    /// <summary>Bytes (as requested by the buffers) a stripe holds before it is drained.</summary>
    internal const long MaxBytesPerStripe = 4L << 20;

    private static readonly Stripe[] s_stripes = CreateStripes();
    private static readonly int s_stripeMask = s_stripes.Length - 1;

    // The drain object must stay unreferenced: its finalizer is what runs after each full GC.
    static Quarantine() => GcDrain.Start();

    /// <summary>The number of stripes: a power of two, at least the processor count (at most 16).</summary>
    internal static int StripeCount => s_stripes.Length;

    /// <summary>The number of blocks waiting in the quarantine now (approximate while other threads free).</summary>
    internal static long Count
    {
        get
        {
            // No shared counter: one would put an interlocked operation on a contended line into every free.
            long count = 0;
            foreach (var stripe in s_stripes)
            {
                count += Volatile.Read(ref stripe.Count);
            }

            return count;
        }
    }

    /// <summary>Puts a freed block in the calling processor's stripe; drains the stripe when it is full.</summary>
    internal static void Add(HeapBlock block, nint address, long size)
    {
        var stripe = s_stripes[Thread.GetCurrentProcessorId() & s_stripeMask];
        Entry[]? batch = null;
        int batchCount = 0;
        lock (stripe.Gate)
        {
            stripe.Append(new Entry(block, address, size));
            if (stripe.IsFull)
            {
                batch = stripe.Take(out batchCount);
            }
        }

        if (batch is not null)
        {
            Release(stripe, batch, batchCount);
        }
    }

    /// <summary>
    /// Releases every quarantined block that no thread is accessing (one process-wide barrier per stripe that holds
    /// blocks; nothing when the quarantine is empty). Blocks still being accessed stay for the next drain.
    /// </summary>
    internal static void DrainAll()
    {
        foreach (var stripe in s_stripes)
        {
            Entry[]? batch = null;
            int batchCount = 0;
            if (Volatile.Read(ref stripe.Count) == 0)
            {
                continue;
            }

            lock (stripe.Gate)
            {
                if (stripe.Count > 0)
                {
                    batch = stripe.Take(out batchCount);
                }
            }

            if (batch is not null)
            {
                Release(stripe, batch, batchCount);
            }
        }
    }

    private static void Release(Stripe stripe, Entry[] batch, int batchCount)
    {
        // Every block in the batch was marked freed before it was added. After this barrier, every other thread has
        // either published its access slot where the scan below sees it, or will see the freed flag and not access.
        // With no other thread registered there is nobody to order against (a single-threaded program never pays it).
        if (!ThreadCell.IsOnlyThread())
        {
            Interlocked.MemoryBarrierProcessWide();
        }

        var busy = PublishedAddresses();
        int kept = 0;
        for (int i = 0; i < batchCount; i++)
        {
            var entry = batch[i];
            if (busy is not null && Array.IndexOf(busy, entry.Address) >= 0)
            {
                // A reader or a native call got in before the free and has not finished: keep the block for the next drain.
                batch[kept++] = entry;
                continue;
            }

            NativeHeap.FreeBlock(entry.Block, entry.Size);
        }

        lock (stripe.Gate)
        {
            for (int i = 0; i < kept; i++)
            {
                stripe.Append(batch[i]);
                stripe.KeptCount++;
                stripe.KeptBytes += batch[i].Size;
            }

            Array.Clear(batch, 0, batchCount);
            stripe.Spare ??= batch;
        }
    }

    // The addresses threads are accessing right now, or null when none (the common case: no array allocated).
    private static nint[]? PublishedAddresses()
    {
        List<nint>? busy = null;
        foreach (var cell in ThreadCell.All)
        {
            nint address = Volatile.Read(ref cell.AccessAddress);
            if (address != 0)
            {
                (busy ??= []).Add(address);
            }

            var pins = Volatile.Read(ref cell.CallPins);
            for (int i = 0; i < pins.Length; i++)
            {
                nint pinned = Volatile.Read(ref pins[i]);
                if (pinned != 0)
                {
                    (busy ??= []).Add(pinned);
                }
            }
        }

        return busy?.ToArray();
    }

    private static Stripe[] CreateStripes()
    {
        int count = 1;
        while (count < Environment.ProcessorCount && count < 16)
        {
            count <<= 1;
        }

        var stripes = new Stripe[count];
        for (int i = 0; i < count; i++)
        {
            stripes[i] = new Stripe();
        }

        return stripes;
    }

    private readonly record struct Entry(HeapBlock Block, nint Address, long Size);

    private sealed class Stripe
    {
        internal readonly Lock Gate = new();
        internal Entry[] Entries = new Entry[64];
        internal Entry[]? Spare;
        internal int Count;
        internal long Bytes;

        // Entries a drain had to keep (a native call may hold one for seconds). They do not count towards the next
        // drain, or a large block pinned by a long call would make every free in the meantime drain the stripe.
        internal int KeptCount;
        internal long KeptBytes;

        internal bool IsFull => Count - KeptCount >= MaxEntriesPerStripe || Bytes - KeptBytes >= MaxBytesPerStripe;

        internal void Append(Entry entry)
        {
            if (Count == Entries.Length)
            {
                Array.Resize(ref Entries, Count * 2);
            }

            Entries[Count++] = entry;
            Bytes += entry.Size;
        }

        // Hands the current entries to a drain and continues with the spare array (or a fresh one).
        internal Entry[] Take(out int count)
        {
            var taken = Entries;
            count = Count;
            Entries = Spare is { } spare && spare.Length >= 64 ? spare : new Entry[64];
            Spare = null;
            Count = 0;
            Bytes = 0;
            KeptCount = 0;
            KeptBytes = 0;
            return taken;
        }
    }

    // Resurrects itself after each collection that finds it unreachable; once promoted to gen 2 that is each full GC.
    private sealed class GcDrain
    {
        internal static void Start() => _ = new GcDrain();

        ~GcDrain()
        {
            if (Environment.HasShutdownStarted)
            {
                return;
            }

            try
            {
                DrainAll();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A finalizer that throws ends the process; the next drain retries what this one could not do.
            }

            GC.ReRegisterForFinalize(this);
        }
    }
}
