namespace Relaxnative.Isolation.Worker;

/// <summary>
/// Leases on the buffers among a call's arguments, taken when the call is queued and released when it ends, so a
/// <see cref="NativeBuffer.Free"/> during the queue wait marks the buffer freed but does not release its memory.
/// </summary>
internal static class ArgumentLeases
{
    /// <summary>Leases every buffer in <paramref name="args"/> (directly, in NativeBuffer[] tables, or owning a NativePointer).</summary>
    /// <returns>The leased buffers (null when there are none), for <see cref="Release"/>.</returns>
    /// <exception cref="UseAfterFreeException">A buffer was already freed; leases taken so far are released.</exception>
    internal static List<NativeBuffer>? Acquire(object?[] args)
    {
        List<NativeBuffer>? leased = null;
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
                }
            }
        }
        catch
        {
            Release(leased);
            throw;
        }

        return leased;
    }

    /// <summary>Ends the leases from <see cref="Acquire"/>.</summary>
    internal static void Release(List<NativeBuffer>? leased)
    {
        if (leased is null)
        {
            return;
        }

        foreach (var buffer in leased)
        {
            buffer.DangerousRelease();
        }
    }

    private static void Lease(NativeBuffer buffer, ref List<NativeBuffer>? leased)
    {
        buffer.DangerousAddRef();
        (leased ??= []).Add(buffer);
    }
}
