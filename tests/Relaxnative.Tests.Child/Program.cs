using Relaxnative.Tests.Child;

// Runs one named scenario; tests read its output and exit code. Exit 2: unknown scenario.
return args.Length == 0 ? 2 : args[0] switch
{
    "memcheck-overrun" => MemoryScenarios.MemcheckOverrun(),
    "track-leak" => MemoryScenarios.TrackLeak(),
    "interposed-allocator" => MemoryScenarios.InterposedAllocator(args),
    "free-racing-uses" => AccessRaceScenarios.FreeRacingUses(args),
    "build-race" => BuildScenarios.Race(args),
    "build-prebuilt" => BuildScenarios.Prebuilt(args),
    "load-twice" => LoadScenarios.LoadTwice(args),
    "load-prebuilt" => LoadScenarios.LoadPrebuilt(args),
    "isolation-helper-then-wait" => IsolationScenarios.HelperThenWait(args),
    "callback-kept-after-call" => CallbackScenarios.KeptAfterCall(args),
    "callback-kept-after-dispose" => CallbackScenarios.KeptAfterDispose(args),
    "isolation-squatted-shm" => IsolationScenarios.SquattedSharedMemory(args),
    "isolation-bad-pointers" => IsolationScenarios.BadPointers(args),
    "variadic-snprintf" => VariadicScenarios.Snprintf(),
    "variadic-printf" => VariadicScenarios.Printf(),
    _ => 2,
};
