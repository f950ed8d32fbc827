using Relaxnative;

namespace Relaxnative.Tests.Child;

/// <summary>
/// A library that keeps a callback pointer and calls it after the callback ended (tests/native/hardening.c:
/// set_handler stores it, fire_handler calls it). The process must stop with a message naming the callback and the
/// fix, never jump into freed code.
/// </summary>
internal static class CallbackScenarios
{
    /// <summary>args: library path. Passes a delegate directly (call-scoped), then makes the library call it later.</summary>
    internal static int KeptAfterCall(string[] args)
    {
        using var module = Native.Open(args[1]);
        module.Bind("void set_handler(int (*handler)(int))").Invoke((Func<int, int>)(x => x + 1));
        Console.WriteLine("registered");
        Console.Out.Flush();
        // Other call-scoped callbacks of the same shape come and go meanwhile, as in a real program.
        var apply = module.Bind("int apply_now(int (*handler)(int), int value)");
        for (int i = 0; i < 10; i++)
        {
            apply.Invoke((Func<int, int>)(x => x * 2), i);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"fired={module.Bind("int fire_handler(int value)").Invoke(41)}");
        return 0;
    }

    /// <summary>args: library path. Registers a NativeCallback, disposes it, then makes the library call it.</summary>
    internal static int KeptAfterDispose(string[] args)
    {
        using var module = Native.Open(args[1]);
        var callback = NativeCallback.Create("int on_event(int code)", (Func<int, int>)(x => x + 1));
        module.Bind("void set_handler(int (*handler)(int))").Invoke(callback);
        Console.WriteLine($"fired={module.Bind("int fire_handler(int value)").Invoke(1)}");
        callback.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Console.WriteLine($"fired={module.Bind("int fire_handler(int value)").Invoke(41)}");
        return 0;
    }
}
