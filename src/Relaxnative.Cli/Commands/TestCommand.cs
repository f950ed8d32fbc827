using System.CommandLine;
using System.Text.Json.Nodes;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary>
/// <c>relaxnative test</c>: finds <c>int test_*(void)</c> and <c>const char* test_*(void)</c> functions, links each
/// test file with the code under test, runs them and ends with <c>N passed, N failed</c>.
/// </summary>
internal static class TestCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "A test file, or a folder whose .c files hold tests and the code under test." };
        var isolation = CommonOptions.Isolation("process",
            "Where tests run: process (a helper process; each crash fails one test), worker (native worker threads) or in-process.");
        var json = CommonOptions.Json();
        var command = new Command("test", "Run native tests: int test_*(void) passes on 0, const char* test_*(void) on NULL or \"\". Ends with 'N passed, N failed'; exits 1 on any failure.")
        {
            path, isolation, json,
        };
        command.SetAction(parse => Run(parse.GetValue(path)!, Support.IsolationOption.Parse(parse.GetValue(isolation)!), parse.GetValue(json)));
        return command;
    }

    private static int Run(string path, IsolationMode requested, bool json)
    {
        var files = TestDiscovery.Discover(path);
        var isolation = Support.IsolationOption.Resolve(requested);
        var outcomes = new List<TestOutcome>();
        foreach (var file in files)
        {
            var options = new LoadOptions
            {
                Isolation = isolation,
                // Worker isolation runs async functions on native worker threads: make every test one.
                DefaultMode = isolation == IsolationMode.Worker ? ExecutionMode.Async : null,
                Build = new BuildOptions { Sources = file.Sources, IncludePaths = [TestRunner.HeaderFolder] },
            };
            using var module = ModuleLoading.Load(file.Path, options, json);
            // What the load bound from its own declaration model is the truth; discovery only chose the files.
            var tests = module.Declarations is { } model ? TestDiscovery.TestsIn(model, file.Path) : file.Tests;
            foreach (var test in tests)
            {
                var outcome = TestRunner.Run(module, Path.GetFileName(file.Path), test);
                outcomes.Add(outcome);
                if (!json)
                {
                    string message = outcome.Message is null ? "" : ": " + outcome.Message;
                    Terminal.Line($"{(outcome.Passed ? "PASS" : "FAIL")} {outcome.File}::{outcome.Name} ({Formatting.Milliseconds(outcome.Elapsed)}){message}");
                }
            }
        }

        int passed = outcomes.Count(o => o.Passed);
        int failed = outcomes.Count - passed;
        if (json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["isolation"] = Support.IsolationOption.Name(isolation),
                ["tests"] = new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject
                {
                    ["file"] = o.File,
                    ["name"] = o.Name,
                    ["passed"] = o.Passed,
                    ["ms"] = o.Elapsed.TotalMilliseconds,
                    ["message"] = o.Message,
                })]),
                ["passed"] = passed,
                ["failed"] = failed,
            });
        }
        else
        {
            Terminal.Line($"{passed} passed, {failed} failed");
        }

        return failed == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }
}
