using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Relaxnative.Build;

namespace Relaxnative.Benchmarks.Build;

/// <summary>
/// One load in a fresh process, for <c>bench/load-fresh-process.sh</c>: build a source through the cache, open the
/// library, look up <c>add</c> and call it once; then build again in the same process. The script times the whole
/// process from outside; this prints the in-process parts so start-up, first-call and steady costs can be told apart.
/// </summary>
internal static class FreshProcessLoad
{
    public const string Command = "load-once";
    public const string StartupCommand = "startup";

    /// <summary>Runs the scenario; returns the process exit code.</summary>
    public static unsafe int Run(string[] args)
    {
        if (args is [StartupCommand])
        {
            return 0;
        }

        if (args is not [_, var source, var cacheDirectory])
        {
            Console.Error.WriteLine($"usage: {Command} <source.c> <cache directory>");
            return 2;
        }

        var total = Stopwatch.StartNew();
        var result = NativeBuilder.Build(source, new BuildOptions { CacheDirectory = cacheDirectory });
        var built = total.Elapsed;
        var handle = NativeLibrary.Load(result.LibraryPath);
        var add = (delegate* unmanaged<int, int, int>)NativeLibrary.GetExport(handle, "add");
        var sum = add(2, 3);
        var loaded = total.Elapsed;
        NativeLibrary.Free(handle);

        // The same build again in this process: one-time costs (JIT, compiler discovery) are paid, so this is the
        // steady warm path, for comparison with the first call.
        var again = Stopwatch.StartNew();
        var second = NativeBuilder.Build(source, new BuildOptions { CacheDirectory = cacheDirectory });
        var againElapsed = again.Elapsed;

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"hit={result.CacheHit} build_ms={built.TotalMilliseconds:F2} build_load_call_ms={loaded.TotalMilliseconds:F2} " +
            $"compile_ms={result.CompileElapsed.TotalMilliseconds:F2} add(2,3)={sum} " +
            $"second_build_ms={againElapsed.TotalMilliseconds:F2} second_hit={second.CacheHit}"));
        return sum == 5 && second.CacheHit ? 0 : 1;
    }
}
