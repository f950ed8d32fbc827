using Relaxnative.Isolation.Process;
using Relaxnative.Signatures;

namespace Relaxnative.Tests.Child;

/// <summary>Isolation scenarios that need a host process the test can kill.</summary>
internal static class IsolationScenarios
{
    /// <summary>Starts a process-isolated module of args[1], prints "helper=&lt;pid&gt;", then waits to be killed.</summary>
    internal static int HelperThenWait(string[] args)
    {
        var dispatcher = ProcessDispatcher.Start(args[1]);
        var add = dispatcher.CreateFunction(CDeclarationParser.Parse("int add(int a, int b)"));
        Console.WriteLine($"sum={add.Invoke(2, 3)}");
        Console.WriteLine($"helper={dispatcher.HelperProcessId}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        GC.KeepAlive(dispatcher);
        return 0;
    }

    /// <summary>
    /// Takes every /dev/shm name an earlier version would have used for this process's regions (as a hostile user
    /// would), then runs process-isolated calls: prints "sum=5" and "filled=7".
    /// </summary>
    internal static int SquattedSharedMemory(string[] args)
    {
        var squatted = Enumerable.Range(1, 64).Select(n => $"/dev/shm/relaxnative-{Environment.ProcessId}-{n}").ToList();
        foreach (string path in squatted)
        {
            File.WriteAllText(path, "taken");
        }

        try
        {
            using var dispatcher = ProcessDispatcher.Start(args[1]);
            var add = dispatcher.CreateFunction(CDeclarationParser.Parse("int add(int a, int b)"));
            var fill = dispatcher.CreateFunction(CDeclarationParser.Parse("void fill_u8(uint8_t* data, size_t n, uint8_t value)"));
            var shared = dispatcher.Alloc(64);
            fill.Invoke(shared, 64UL, (byte)7);
            Console.WriteLine($"sum={add.Invoke(2, 3)}");
            Console.WriteLine($"filled={shared.Read<byte>(63)}");
            return 0;
        }
        finally
        {
            squatted.ForEach(File.Delete);
        }
    }

    /// <summary>
    /// Passes NativePointers that name no memory of this process to process-isolated calls (a low address, which .NET
    /// reports as a NullReferenceException, and a high unmapped one, which crashes a process that reads it). Prints
    /// one line per attempt with the exception type, then "after=5" from a normal call.
    /// </summary>
    internal static int BadPointers(string[] args)
    {
        using var dispatcher = ProcessDispatcher.Start(args[1]);
        var sum = dispatcher.CreateFunction(CDeclarationParser.Parse("uint64_t sum_u8(const uint8_t* data, size_t n)"));
        var fill = dispatcher.CreateFunction(CDeclarationParser.Parse("void fill_u8(uint8_t* data, size_t n, uint8_t value)"));
        foreach (nint address in new nint[] { 0x10, unchecked((nint)0x7f00_dead_0000) })
        {
            foreach (var function in new[] { sum, fill })
            {
                try
                {
                    function.Invoke(function == sum ? [new NativePointer(address, 16), 16UL] : [new NativePointer(address, 16), 16UL, (byte)1]);
                    Console.WriteLine($"{function.Name} 0x{address:x}: no exception");
                }
                catch (Exception e)
                {
                    Console.WriteLine($"{function.Name} 0x{address:x}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
                }
            }
        }

        var add = dispatcher.CreateFunction(CDeclarationParser.Parse("int add(int a, int b)"));
        Console.WriteLine($"after={add.Invoke(2, 3)}");
        return 0;
    }
}
