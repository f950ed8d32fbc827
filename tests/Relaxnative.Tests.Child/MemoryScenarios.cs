using System.Runtime.CompilerServices;
using Relaxnative;

namespace Relaxnative.Tests.Child;

/// <summary>Memory scenarios that need a fresh environment or read memory after it is freed.</summary>
internal static unsafe class MemoryScenarios
{
    /// <summary>With RELAXNATIVE_MEMCHECK=1, a default allocation is guarded and a one-byte overrun is caught at free.</summary>
    internal static int MemcheckOverrun()
    {
        var buffer = Native.Alloc(64);
        Console.WriteLine($"guarded={buffer.IsGuarded}");
        *(byte*)(buffer.Address + 64) = 0x42;
        try
        {
            buffer.Free();
            Console.WriteLine("no-exception");
        }
        catch (BufferOverrunException e)
        {
            Console.WriteLine($"side={e.Side} offset={e.Offset} size={e.Size}");
        }

        Console.WriteLine($"live={Native.Stats.LiveAllocations}");
        return 0;
    }

    /// <summary>With RELAXNATIVE_TRACK_ALLOCATIONS=1, the leak report names the allocating method.</summary>
    internal static int TrackLeak()
    {
        var kept = AllocateAndForget();
        Console.WriteLine($"tracking={Native.TrackAllocations}");
        Console.Write(Native.GetLeakReport().ToString());
        GC.KeepAlive(kept);
        return 0;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static NativeBuffer AllocateAndForget() => Native.Alloc(100);
}
