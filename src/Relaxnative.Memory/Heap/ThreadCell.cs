using System.Runtime.CompilerServices;

namespace Relaxnative.Memory.Heap;

/// <summary>
/// One object per thread that touches the heap: its allocation counters, its access slot and its call pins. Only the
/// owning thread writes a cell, with plain stores, so neither counting, accessing nor pinning needs an interlocked
/// operation; other threads only read cells (<see cref="HeapCounters.Snapshot"/> sums the counters, the quarantine
/// scans the slot and the pins).
/// </summary>
/// <remarks>
/// A cell is registered once per thread. When the thread has exited and its thread-static storage is collected, a
/// finalizable sentinel folds the cell's counters into the retired totals and unregisters it, so threads that come
/// and go (a thread pool growing and shrinking, tests that start hundreds of threads) do not grow the registry.
/// </remarks>
internal sealed class ThreadCell
{
    /// <summary>
    /// The address of the buffer this thread is reading or writing through a checked accessor right now, or 0.
    /// Published with a plain store before the accessor checks the freed flag, cleared with a release store after
    /// the access. The quarantine releases no block whose address it finds here (see docs/memory.md).
    /// </summary>
    internal nint AccessAddress;

    /// <summary>
    /// The addresses of the buffers that native calls made on this thread are pinning now, as a stack: a call pushes one
    /// per pinned argument before it checks the freed flag and pops them after the native code returns, and a callback
    /// that calls back in pushes above its caller's. Unused entries are 0. The quarantine scans every entry (not just
    /// the first <see cref="CallDepth"/>), so the depth needs no ordering. Replaced by a larger copy when full; the
    /// reference is published with a release store, so a scan that reads it sees the copied entries.
    /// </summary>
    internal nint[] CallPins = new nint[InitialCallPins];

    /// <summary>The number of entries of <see cref="CallPins"/> in use. Only the owning thread reads or writes it.</summary>
    internal int CallDepth;

    // A call rarely has more than a few buffer arguments, and callbacks rarely nest: most threads never grow the stack.
    private const int InitialCallPins = 8;

    internal long Allocations;
    internal long AllocatedBytes;
    internal long Frees;
    internal long FreedBytes;
    internal long AutoFreed;
    internal long Overruns;

    [ThreadStatic]
    private static ThreadCell? t_cell;

    /// <summary>Pushes a call pin (see <see cref="CallPins"/>); the caller checks the buffer after this.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PushCallPin(nint address)
    {
        int depth = CallDepth;
        var pins = CallPins;
        if ((uint)depth >= (uint)pins.Length)
        {
            pins = GrowCallPins();
        }

        Volatile.Write(ref pins[depth], address);
        CallDepth = depth + 1;
    }

    /// <summary>Pops the newest call pin with a release store: the native call's accesses are complete before it shows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void PopCallPin()
    {
        int depth = CallDepth - 1;
        CallDepth = depth;
        Volatile.Write(ref CallPins[depth], 0);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private nint[] GrowCallPins()
    {
        var larger = new nint[CallPins.Length * 2];
        CallPins.CopyTo(larger, 0);
        Volatile.Write(ref CallPins, larger);
        return larger;
    }

    // Reachable only from the thread's own storage: it becomes garbage when the thread is gone.
    [ThreadStatic]
    private static RetireSentinel? t_sentinel;

    private static readonly Lock s_lock = new();
    private static ThreadCell[] s_cells = [];
    private static readonly ThreadCell s_retired = new();

    /// <summary>The calling thread's cell, registered on first use.</summary>
    internal static ThreadCell Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => t_cell ?? Register();
    }

    /// <summary>
    /// The registered cells of live threads. The array is replaced, never changed, so a reader may scan it without
    /// the lock; a cell registered after the read is of a thread that could not yet hold an address the caller
    /// cares about (see the quarantine's ordering argument).
    /// </summary>
    internal static ThreadCell[] All => Volatile.Read(ref s_cells);

    /// <summary>Runs <paramref name="sum"/> over the totals of exited threads and every live cell, under the registry lock.</summary>
    internal static void ForEachCounted(Action<ThreadCell> sum)
    {
        lock (s_lock)
        {
            sum(s_retired);
            foreach (var cell in s_cells)
            {
                sum(cell);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ThreadCell Register()
    {
        var cell = new ThreadCell();
        lock (s_lock)
        {
            s_cells = [.. s_cells, cell];
        }

        t_cell = cell;
        t_sentinel = new RetireSentinel(cell);

        // Once per thread: the registration is visible to every core before this thread's first access loads a
        // buffer's state, which lets a drain that finds no other cell skip its barrier (see IsOnlyThread).
        Interlocked.MemoryBarrier();
        return cell;
    }

    /// <summary>
    /// Whether no thread other than the caller has a cell, so none can be inside a checked accessor or a call: a thread
    /// that registers later does so (fenced) before it loads any buffer's state, and then sees the freed flag.
    /// </summary>
    internal static bool IsOnlyThread()
    {
        var cells = All;
        return cells.Length == 0 || (cells.Length == 1 && ReferenceEquals(cells[0], t_cell));
    }

    private static void Retire(ThreadCell cell)
    {
        lock (s_lock)
        {
            // The thread is gone: nobody writes the cell any more, so plain reads are final.
            s_retired.Allocations += cell.Allocations;
            s_retired.AllocatedBytes += cell.AllocatedBytes;
            s_retired.Frees += cell.Frees;
            s_retired.FreedBytes += cell.FreedBytes;
            s_retired.AutoFreed += cell.AutoFreed;
            s_retired.Overruns += cell.Overruns;
            s_cells = Array.FindAll(s_cells, c => !ReferenceEquals(c, cell));
        }
    }

    private sealed class RetireSentinel(ThreadCell cell)
    {
        ~RetireSentinel()
        {
            if (!Environment.HasShutdownStarted)
            {
                Retire(cell);
            }
        }
    }
}
