using Relaxnative;

namespace Relaxnative.Tests.Child;

/// <summary>Native.Load scenarios that need a fresh process: tracing read at start-up, or no compiler on PATH.</summary>
internal static class LoadScenarios
{
    /// <summary>args: source, cache directory. Loads twice (miss, then hit) and calls add(2, 3).</summary>
    internal static int LoadTwice(string[] args)
    {
        var options = new LoadOptions { Build = new BuildOptions { CacheDirectory = args[2] } };
        for (int i = 0; i < 2; i++)
        {
            using var module = Native.Load(args[1], options);
            Console.WriteLine($"add={module["add"].Invoke(2, 3)}");
        }

        return 0;
    }

    /// <summary>args: source, prebuilt directory. Loads with no compiler reachable and calls add(2, 3).</summary>
    internal static int LoadPrebuilt(string[] args)
    {
        var options = new LoadOptions
        {
            Build = new BuildOptions { PrebuiltDirectory = args[2], CacheDirectory = Path.Combine(args[2], "no-cache") },
        };
        using var module = Native.Load(args[1], options);
        Console.WriteLine($"add={module["add"].Invoke(2, 3)}");
        return 0;
    }
}
