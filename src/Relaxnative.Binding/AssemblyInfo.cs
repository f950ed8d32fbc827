using System.Runtime.CompilerServices;

// The call paths stackalloc argument slots on every call; every slot is written before it is read, so zeroing them
// first is wasted work on the hottest path (CallBenchmarks.Untyped_Add).
[module: SkipLocalsInit]
