using System.Runtime.CompilerServices;
using BenchmarkDotNet.Running;
using Relaxnative.Benchmarks.Build;

// `load-once <source> <cache dir>` is the single fresh-process scenario timed by bench/load-fresh-process.sh;
// `startup` measures the same process doing nothing. Everything else goes to BenchmarkDotNet.
if (args is [FreshProcessLoad.Command, ..] or [FreshProcessLoad.StartupCommand])
{
    return FreshProcessLoad.Run(args);
}

RunBenchmarks(args);
return 0;

// Kept out of the top-level method so the fresh-process scenario does not load BenchmarkDotNet when Main is compiled.
[MethodImpl(MethodImplOptions.NoInlining)]
static void RunBenchmarks(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
