using Relaxnative.Tests.Child;

return args.Length == 0 ? 2 : args[0] switch
{
    "build-race" => BuildScenarios.Race(args),
    "build-prebuilt" => BuildScenarios.Prebuilt(args),
    _ => 2,
};
