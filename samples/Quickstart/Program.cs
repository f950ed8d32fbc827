using System.Diagnostics;
using Relaxnative;

// Relaxnative quickstart: load C kernels from source, call them with buffers and arrays, and see what it costs.
string examples = Examples.Folder();
Console.WriteLine("Relaxnative quickstart");
Console.WriteLine($"examples: {examples}");
Console.WriteLine();

// 1. Load a C file: the first load compiles (or finds an earlier build in the cache), the second is a cache hit.
var clock = Stopwatch.StartNew();
using (var first = Native.Load(Path.Combine(examples, "add.c")))
{
    Console.WriteLine($"first load of add.c:  {clock.Elapsed.TotalMilliseconds,8:F1} ms ({BuildReport.Describe(first.Build!)})");
}

clock.Restart();
using var add = Native.Load(Path.Combine(examples, "add.c"));
Console.WriteLine($"second load of add.c: {clock.Elapsed.TotalMilliseconds,8:F1} ms ({BuildReport.Describe(add.Build!)})");
Console.WriteLine($"functions: {string.Join(", ", add.Functions.Select(f => f.Signature))}");
Console.WriteLine($"add(2, 3) = {add["add"].Invoke(2, 3)}");
Console.WriteLine();

// 2. What a call costs: the typed delegate is an emitted stub; Invoke converts boxed arguments.
var typedAdd = add["add"].AsDelegate<Func<int, int, int>>();
Console.WriteLine($"direct call:  {Timing.NanosecondsPerCall(Timing.DirectCall(add["add"].Address)),6:F1} ns   (delegate* unmanaged, the floor)");
Console.WriteLine($"typed call:   {Timing.NanosecondsPerCall(() => typedAdd(1, 2)),6:F1} ns");
var untypedAdd = add["add"];
object one = 1, two = 2;
Console.WriteLine($"Invoke call:  {Timing.NanosecondsPerCall(() => untypedAdd.Invoke(one, two)),6:F1} ns   (rough figures; bench/ has the careful ones)");
Console.WriteLine();

// 3. Kernels over native buffers and managed arrays.
using var buffers = Native.Load(Path.Combine(examples, "buffers.c"));
using (var data = Native.Alloc(1 << 20))
{
    buffers["fill_u8"].Invoke(data, (nuint)data.Size, (byte)7);
    var sum = buffers["sum_u8"].AsDelegate<Func<NativeBuffer, nuint, ulong>>();
    Console.WriteLine($"sum_u8 over a 1 MiB NativeBuffer filled with 7 = {sum(data, (nuint)data.Size)}");
}

using var crc = Native.Load(Path.Combine(examples, "crc32.c"));
byte[] text = "123456789"u8.ToArray();
Console.WriteLine($"crc32_u8(\"123456789\") = 0x{crc["crc32_u8"].Invoke(text, (nuint)text.Length):X8}");

using var dot = Native.Load(Path.Combine(examples, "dot.c"));
double[] x = [1, 2, 3, 4];
double[] y = [10, 20, 30, 40];
Console.WriteLine($"dot_f64([1,2,3,4], [10,20,30,40]) = {dot["dot_f64"].Invoke(x, y, (nuint)4)}");
dot["saxpy_f64"].Invoke(2.0, x, y, (nuint)4);
Console.WriteLine($"saxpy_f64(2, x, y) -> y = [{string.Join(", ", y)}]");

using var histogram = Native.Load(Path.Combine(examples, "histogram.c"));
byte[] samples = [.. Enumerable.Range(0, 1000).Select(i => (byte)(i % 4))];
uint[] bins = new uint[256];
histogram["histogram_u8"].Invoke(samples, (nuint)samples.Length, bins);
Console.WriteLine($"histogram_u8: bins[0..4] = [{string.Join(", ", bins[..4])}]");

using var heavy = Native.Load(Path.Combine(examples, "heavy.c"));
Console.WriteLine($"heavy is {heavy["heavy"].Mode} (@async), cost {heavy["heavy"].Cost}: {await heavy["heavy"].InvokeAsync<double>(1000L):F6}");
Console.WriteLine();

// 4. Crash isolation: in a helper process, a segfault is an exception and the program carries on.
using (var crashy = Native.Load(Path.Combine(examples, "crash.c"), new LoadOptions { Isolation = IsolationMode.Process }))
{
    try
    {
        crashy["crash"].Invoke(1);
    }
    catch (NativeCrashException e)
    {
        Console.WriteLine($"crash(1) in the helper process: {e.Signal} in '{e.FunctionName}'; this process is fine.");
    }

    Console.WriteLine($"well_behaved(41) on a fresh helper = {crashy["well_behaved"].Invoke(41)}");
}

Console.WriteLine();

// 5. Native memory: ownership, bounds, use-after-free, leases, guards, arenas.
MemoryTour.Run();

/// <summary>Finds the repository's examples folder from wherever the sample runs.</summary>
internal static class Examples
{
    internal static string Folder()
    {
        foreach (string start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Relaxnative.slnx")))
                {
                    return Path.Combine(folder.FullName, "examples");
                }
            }
        }

        throw new DirectoryNotFoundException("Run the quickstart from a clone of the repository (no Relaxnative.slnx found above it).");
    }
}

/// <summary>A rough per-call timing (the benchmarks in bench/ are the careful measurement).</summary>
internal static unsafe class Timing
{
    internal static Action DirectCall(nint address) => () => ((delegate* unmanaged<int, int, int>)address)(1, 2);

    internal static double NanosecondsPerCall(Action call)
    {
        // Warm up long enough for tiered compilation to replace the first, quick code with optimised code.
        var warmup = Stopwatch.StartNew();
        while (warmup.ElapsedMilliseconds < 400)
        {
            call();
        }

        const int Calls = 2_000_000;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Calls; i++)
        {
            call();
        }

        return clock.Elapsed.TotalNanoseconds / Calls;
    }
}

/// <summary>Says how a module's library was obtained: a cache hit, or a compile and how long it took.</summary>
internal static class BuildReport
{
    internal static string Describe(NativeBuildInfo build) => build.CacheHit
        ? $"cache hit, key {build.CacheKey[..12]}, no compiler run"
        : $"compiled in {build.CompileTime.TotalMilliseconds:F0} ms by {build.CompilerPath}";
}
