using System.Diagnostics;

namespace Relaxnative.Cli.Support;

/// <summary>The outcome of one native test.</summary>
internal sealed record TestOutcome(string File, string Name, bool Passed, TimeSpan Elapsed, string? Message);

/// <summary>Calls native tests in a loaded module and judges their results.</summary>
internal static class TestRunner
{
    /// <summary>The folder that holds <c>relaxnative_test.h</c>, shipped beside the tool.</summary>
    public static string HeaderFolder => Path.Combine(AppContext.BaseDirectory, "include");

    /// <summary>Runs one test: on the caller (in-process), or dispatched as an async call (worker).</summary>
    public static TestOutcome Run(NativeModule module, string file, NativeTest test)
    {
        var function = module[test.Name];
        var clock = Stopwatch.StartNew();
        object? result;
        try
        {
            result = function.Mode == ExecutionMode.Async ? function.InvokeAsync().GetAwaiter().GetResult() : function.Invoke();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new TestOutcome(file, test.Name, false, clock.Elapsed, $"{e.GetType().Name}: {e.Message}");
        }

        var elapsed = clock.Elapsed;
        return test.Kind switch
        {
            NativeTestKind.Int when result is int code => code == 0
                ? new TestOutcome(file, test.Name, true, elapsed, null)
                : new TestOutcome(file, test.Name, false, elapsed, $"returned {code}"),
            NativeTestKind.Message => string.IsNullOrEmpty(result as string)
                ? new TestOutcome(file, test.Name, true, elapsed, null)
                : new TestOutcome(file, test.Name, false, elapsed, (string)result!),
            _ => new TestOutcome(file, test.Name, false, elapsed, $"unexpected result {result ?? "NULL"}"),
        };
    }
}
