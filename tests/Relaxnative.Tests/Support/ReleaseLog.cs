using Relaxnative.Memory.Heap;

namespace Relaxnative.Tests.Support;

/// <summary>
/// Every guarded block released to the allocator while the log lives, with whether it was poisoned: the guard zones'
/// seam sees each block just before it goes back, which makes the physical release of a buffer observable. One log at a
/// time (the seam is process-wide): use it in <see cref="SerialCollection"/> tests.
/// </summary>
internal sealed unsafe class ReleaseLog : IDisposable
{
    private readonly List<(nint Base, long Total, bool Poisoned)> _released = [];

    internal ReleaseLog() => GuardZones.BeforeFree = (block, total) =>
    {
        bool poisoned = !new ReadOnlySpan<byte>((void*)block, (int)total).ContainsAnyExcept(GuardZones.Poison);
        lock (_released)
        {
            _released.Add((block, total, poisoned));
        }
    };

    /// <summary>The number of blocks released so far.</summary>
    internal int Count
    {
        get
        {
            lock (_released)
            {
                return _released.Count;
            }
        }
    }

    /// <summary>A copy of every release so far.</summary>
    internal List<(nint Base, long Total, bool Poisoned)> All
    {
        get
        {
            lock (_released)
            {
                return [.. _released];
            }
        }
    }

    /// <summary>The releases of the block that holds the user address <paramref name="user"/>.</summary>
    internal List<(nint Base, long Total, bool Poisoned)> Of(nint user) => All.FindAll(block => Holds(block, user));

    /// <summary>Whether <paramref name="block"/> (guard zones included) holds the user address <paramref name="user"/>.</summary>
    internal static bool Holds((nint Base, long Total, bool Poisoned) block, nint user) =>
        user > block.Base && user < block.Base + (nint)block.Total;

    public void Dispose() => GuardZones.BeforeFree = null;
}
