using Relaxnative.Memory;

namespace Relaxnative;

public sealed partial class NativeBuffer
{
    /// <summary>
    /// Holds the buffer's memory alive until the lease is disposed, even if the buffer is freed meanwhile (the way a
    /// native call holds each buffer argument). Disposing the lease a second time, or disposing a copy of it, does
    /// nothing: each lease ends once, whoever disposes it, on any thread.
    /// </summary>
    /// <example><code>
    /// using (var lease = buffer.Lease())
    /// {
    ///     Consume(lease.AsSpan()); // safe even if another thread calls buffer.Free() now
    /// }
    /// </code></example>
    /// <exception cref="UseAfterFreeException">The buffer was already freed.</exception>
    public NativeBufferLease Lease()
    {
        AddLease("lease", 1);
        var token = Interlocked.Exchange(ref Extras.SpareToken, null) ?? new LeaseToken(this);
        return new NativeBufferLease(token, Volatile.Read(ref token.Generation));
    }

    /// <summary>
    /// Takes a lease without a lease object, for callers that pair it with <see cref="DangerousRelease"/> themselves
    /// (code that hands the address to native code it calls itself). Like <see cref="System.Runtime.InteropServices.SafeHandle.DangerousAddRef"/>:
    /// every successful call must be matched by exactly one <see cref="DangerousRelease"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was already freed.</exception>
    public void DangerousAddRef() => AddLease("pass to native code", 1 + DangerousUnit);

    /// <summary>
    /// Ends a lease taken by <see cref="DangerousAddRef"/>; releases the memory if the buffer was freed meanwhile and
    /// this was the last lease. It never ends a lease taken by <see cref="Lease"/>: those end only through their
    /// <see cref="NativeBufferLease"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No <see cref="DangerousAddRef"/> lease is held (the state is left unchanged).</exception>
    public void DangerousRelease()
    {
        long state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & DangerousMask) == 0)
            {
                MemoryErrors.ThrowUnpairedRelease(this, (int)(state & LeaseMask));
            }

            long seen = Interlocked.CompareExchange(ref _state, state - (1 + DangerousUnit), state);
            if (seen == state)
            {
                break;
            }

            state = seen;
        }

        if (IsFreedUnleased(state - (1 + DangerousUnit)))
        {
            ReleaseAsLastLease();
        }
    }

    /// <summary>Ends the lease a call took in <see cref="PinForCall"/> (a <see cref="DangerousAddRef"/> lease the caller holds).</summary>
    private void EndCallLease()
    {
        if (IsFreedUnleased(Interlocked.Add(ref _state, -(1 + DangerousUnit))))
        {
            ReleaseAsLastLease();
        }
    }

    /// <summary>
    /// The address with no freed check, for a caller that holds a lease (the memory cannot be released under it).
    /// Without a lease, the memory may already be gone.
    /// </summary>
    public nint DangerousGetAddress() => _address;

    internal long SizeUnchecked => _size;

    /// <summary>
    /// The number of leases currently held, by <see cref="Lease"/>, <see cref="DangerousAddRef"/> and calls queued for
    /// a worker or the helper process, and the first in-process calls of a buffer (for diagnostics and tests). Later
    /// in-process calls pin the buffer in the thread's cell instead, which this does not count (docs/memory.md,
    /// "Threads and leases").
    /// </summary>
    public int LeaseCount => (int)(Volatile.Read(ref _state) & LeaseMask);

    /// <summary>Ends the lease <paramref name="token"/> stood for; its owner has already retired the token's generation.</summary>
    internal void EndLease(LeaseToken token)
    {
        Volatile.Write(ref Extras.SpareToken, token);
        EndOwnLease();
    }

    // Ends a plain lease whose pairing the caller guarantees (a token's single end).
    private void EndOwnLease()
    {
        if (IsFreedUnleased(Interlocked.Add(ref _state, -1)))
        {
            ReleaseAsLastLease();
        }
    }

    private void AddLease(string operation, long increment)
    {
        long state = Interlocked.Add(ref _state, increment);
        if ((state & FreedBit) != 0)
        {
            // Undo our increment; if that leaves "freed, no leases", this call is the one that must release.
            if (IsFreedUnleased(Interlocked.Add(ref _state, -increment)))
            {
                ReleaseAsLastLease();
            }

            MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, operation);
        }
    }

    // Free() ran during the lease and left the release to the last lease holder, which is the caller.
    private void ReleaseAsLastLease()
    {
        if (ReleaseMemory(autoFreed: false) is { } overrun)
        {
            Memory.Heap.NativeHeap.ReportSilently(overrun);
        }
    }
}
