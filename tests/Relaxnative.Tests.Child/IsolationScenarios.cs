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
}
