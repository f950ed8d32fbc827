using Relaxnative.Memory;

namespace Relaxnative;

public sealed partial class NativeBuffer
{
    /// <summary>
    /// Holds the buffer's memory alive until the lease is disposed, even if the buffer is freed meanwhile (the way a
    /// native call holds each buffer argument). Dispose the lease exactly once, on any thread.
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
        AddLease("lease");
        return new NativeBufferLease(this);
    }

    /// <summary>
    /// Takes a lease without a lease object, for callers that pair it with <see cref="DangerousRelease"/> themselves
    /// (emitted call stubs). Like <see cref="System.Runtime.InteropServices.SafeHandle.DangerousAddRef"/>:
    /// every successful call must be matched by exactly one <see cref="DangerousRelease"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The buffer was already freed.</exception>
    public void DangerousAddRef() => AddLease("pass to native code");

    /// <summary>Ends a lease taken by <see cref="DangerousAddRef"/> or <see cref="Lease"/>; releases the memory if the buffer was freed meanwhile and this was the last lease.</summary>
    /// <exception cref="InvalidOperationException">No lease is held.</exception>
    public void DangerousRelease()
    {
        int state = Interlocked.Decrement(ref _state);
        if (state == FreedBit)
        {
            // Free() ran during the lease and left the release to the last lease holder, which is us.
            if (ReleaseMemory(autoFreed: false) is { } overrun)
            {
                Memory.Heap.NativeHeap.ReportSilently(overrun);
            }
        }
        else if ((state & LeaseMask) == LeaseMask)
        {
            Interlocked.Increment(ref _state);
            throw new InvalidOperationException(
                $"{this} has no lease to release. Call DangerousRelease once per successful DangerousAddRef or Lease().");
        }
    }

    /// <summary>
    /// The address with no freed check, for a caller that holds a lease (the memory cannot be released under it).
    /// Without a lease, the memory may already be gone.
    /// </summary>
    public nint DangerousGetAddress() => _address;

    internal long SizeUnchecked => _size;

    /// <summary>The number of leases currently held (for diagnostics and tests).</summary>
    public int LeaseCount => Volatile.Read(ref _state) & LeaseMask;

    private void AddLease(string operation)
    {
        int state = Interlocked.Increment(ref _state);
        if ((state & FreedBit) != 0)
        {
            // Undo our increment; if that leaves "freed, no leases", this call is the one that must release.
            DangerousRelease();
            MemoryErrors.ThrowUseAfterFree("NativeBuffer", _address, _size, operation);
        }
    }
}
