namespace Relaxnative.Memory;

/// <summary>The one transition shared by every owning object's state word (lease count plus flags): set "freed" once.</summary>
internal static class LifetimeState
{
    /// <summary>Sets <paramref name="freedBit"/> in <paramref name="state"/>. Returns the previous state, or -1 when it was already set.</summary>
    public static long MarkFreed(ref long state, long freedBit)
    {
        long current = Volatile.Read(ref state);
        while (true)
        {
            if ((current & freedBit) != 0)
            {
                return -1;
            }

            long seen = Interlocked.CompareExchange(ref state, current | freedBit, current);
            if (seen == current)
            {
                return current;
            }

            current = seen;
        }
    }
}
