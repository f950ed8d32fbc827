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

    /// <summary>
    /// Run with tests/native/counting_malloc.c preloaded (its path is the argument): allocates and releases blocks of
    /// the interposer's marker sizes on the fast path and the general path, and prints what the interposer counted.
    /// </summary>
    internal static int InterposedAllocator(string[] args)
    {
        using var counter = Native.Open(args[1]);
        var calls = counter.Bind<Func<int, int>>("int counting_malloc_calls(int which)");
        int mallocs = calls(0), callocs = calls(1), frees = calls(2);
        var uninitialized = new AllocOptions { ZeroFill = false };
        for (int i = 0; i < 100; i++)
        {
            Native.Alloc(4242, uninitialized).Free();
            Native.Alloc(4243).Dispose();
        }

        // The general path: a lease gives the buffer its extras, so Free takes the full state machine.
        var leased = Native.Alloc(4242, uninitialized);
        leased.Lease().Dispose();
        leased.Free();

        Console.WriteLine($"malloc={calls(0) - mallocs} calloc={calls(1) - callocs} free={calls(2) - frees} live={Native.Stats.LiveAllocations}");
        return 0;
    }
}
