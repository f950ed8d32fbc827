using System.Globalization;
using Relaxnative.Build;

namespace Relaxnative.Tests.Child;

/// <summary>Build room scenarios that need their own process. Each prints one result line and returns 0, or prints the error and returns 1.</summary>
internal static class BuildScenarios
{
    /// <summary>build-race &lt;source&gt; &lt;cache&gt; &lt;start-utc-ticks&gt;: waits for the start instant, builds, prints "path|cacheHit".</summary>
    public static int Race(string[] args)
    {
        var startAt = new DateTime(long.Parse(args[3], CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var delay = startAt - DateTime.UtcNow;
        if (delay > TimeSpan.Zero)
        {
            Thread.Sleep(delay);
        }

        return Run(() => NativeBuilder.Build(args[1], new BuildOptions { CacheDirectory = args[2] }));
    }

    /// <summary>build-prebuilt &lt;source&gt; &lt;prebuilt-folder&gt; &lt;cache&gt;: builds with the prebuilt folder, prints "path|cacheHit|prebuilt".</summary>
    public static int Prebuilt(string[] args) =>
        Run(() => NativeBuilder.Build(args[1], new BuildOptions { PrebuiltDirectory = args[2], CacheDirectory = args[3] }));

    private static int Run(Func<CompileResult> build)
    {
        try
        {
            var result = build();
            Console.WriteLine($"{result.LibraryPath}|{result.CacheHit}|{result.Prebuilt}");
            return 0;
        }
        catch (Exception e) when (e is NativeToolchainException or NativeBuildException or IOException or ArgumentException)
        {
            Console.Error.WriteLine(e);
            return 1;
        }
    }
}
