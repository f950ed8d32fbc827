namespace Relaxnative.Tests.Support;

/// <summary>
/// Tests that assert on process-wide state (<c>Native.Stats</c>, tracking) run in this collection, which xunit runs
/// alone after the parallel collections, so other tests' allocations do not move the counters under them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Process-wide native heap state";
}
