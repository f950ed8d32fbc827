namespace Relaxnative.Isolation.Worker;

/// <summary>
/// Leases on the buffers among a call's arguments, taken when the call is queued and released when it ends, so a
/// <see cref="NativeBuffer.Free"/> during the queue wait marks the buffer freed but does not release its memory.
/// </summary>
internal static class ArgumentLeases
{
    /// <summary>
    /// Leases every buffer in <paramref name="args"/> (directly, in NativeBuffer[] tables, or owning a NativePointer,
    /// alone or in a NativePointer[] table). Calls with no buffer arguments allocate nothing.
    /// </summary>
    /// <returns>The leased buffers (null when there are none), for <see cref="Release"/>.</returns>
    /// <exception cref="UseAfterFreeException">A buffer was already freed; leases taken so far are released.</exception>
    /// <param name="args">The call's arguments.</param>
    /// <param name="reuse">An empty list to fill rather than allocating one (a synchronous caller can keep one per thread).</param>
    internal static List<LeasedBuffer>? Acquire(ReadOnlySpan<object?> args, List<LeasedBuffer>? reuse = null)
    {
        List<LeasedBuffer>? leased = reuse;
        try
        {
            foreach (object? arg in args)
            {
                switch (arg)
                {
                    case NativeBuffer buffer:
                        Lease(buffer, ref leased);
                        break;
                    case NativePointer { Owner: { } owner }:
                        Lease(owner, ref leased);
                        break;
                    case NativeBuffer?[] buffers:
                        foreach (var buffer in buffers)
                        {
                            if (buffer is not null)
                            {
                                Lease(buffer, ref leased);
                            }
                        }

                        break;
                    case NativePointer?[] pointers:
                        foreach (var pointer in pointers)
                        {
                            if (pointer?.Owner is { } owner)
                            {
                                Lease(owner, ref leased);
                            }
                        }

                        break;
                }
            }
        }
        catch
        {
            Release(leased);
            throw;
        }

        return leased is { Count: > 0 } ? leased : null;
    }

    /// <summary>
    /// A copy of <paramref name="args"/> with leased buffers replaced by their addresses. The call must not lease them
    /// again: a buffer freed while the call waited is marked freed (a new lease would throw), yet its memory is held
    /// by the queue's lease until the call ends, as the SPEC's rule for in-flight calls requires.
    /// </summary>
    internal static object?[] Addresses(object?[] args)
    {
        var copy = (object?[])args.Clone();
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = copy[i] switch
            {
                NativeBuffer buffer => buffer.DangerousGetAddress(),
                NativePointer { Owner: not null } pointer => pointer.DangerousGetAddress(),
                NativeBuffer?[] buffers => Array.ConvertAll(buffers, b => b?.DangerousGetAddress() ?? 0),
                var other => other,
            };
        }

        return copy;
    }

    /// <summary>The size <paramref name="buffer"/> had when it was leased (it may have been freed since).</summary>
    internal static long SizeOf(List<LeasedBuffer>? leased, NativeBuffer buffer)
    {
        // A call has a handful of buffer arguments: a linear search beats any map.
        foreach (var lease in leased ?? [])
        {
            if (ReferenceEquals(lease.Buffer, buffer))
            {
                return lease.ByteCount;
            }
        }

        return buffer.Size;
    }

    /// <summary>Ends the leases from <see cref="Acquire"/>.</summary>
    internal static void Release(List<LeasedBuffer>? leased)
    {
        if (leased is null)
        {
            return;
        }

        foreach (var lease in leased)
        {
            lease.Buffer.DangerousRelease();
        }
    }

    private static void Lease(NativeBuffer buffer, ref List<LeasedBuffer>? leased)
    {
        buffer.DangerousAddRef();
        (leased ??= []).Add(new LeasedBuffer(buffer, buffer.Size));
    }
}
