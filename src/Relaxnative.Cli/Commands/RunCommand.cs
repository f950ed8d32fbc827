using System.CommandLine;
using System.Text.Json.Nodes;
using Relaxnative.Binding;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary>
/// <c>relaxnative run</c>: calls one function with arguments converted by its C signature and prints the bare
/// result as the last line of stdout. A <c>void</c> function prints nothing.
/// </summary>
internal static class RunCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A C, C++ or Rust source." };
        var function = new Argument<string>("function") { Description = "The function to call." };
        var arguments = new Argument<string[]>("args")
        {
            Description = "The arguments, converted by the C parameter types: integers (decimal or 0x hex), floats, true/false, strings for const char*. Put -- before negative numbers.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var isolation = CommonOptions.Isolation("in-process", "Where the call runs: in-process, worker (native worker threads) or process (a helper process; a crash is an error, not the end).");
        var json = CommonOptions.Json();
        var command = new Command("run", "Call a function from the shell and print its result as the last line (nothing for void).")
        {
            file, function, arguments, isolation, json,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(function)!, parse.GetValue(arguments) ?? [],
            IsolationOption.Parse(parse.GetValue(isolation)!), parse.GetValue(json)));
        return command;
    }

    private static int Run(string file, string name, string[] texts, IsolationMode requested, bool json)
    {
        var isolation = IsolationOption.Resolve(requested);
        using var module = ModuleLoading.Load(file, LoadOptions.Default with { Isolation = isolation }, json);
        var function = FunctionLookup.Find(module, name);
        var plan = function.Plan;
        if (texts.Length != plan.Parameters.Count)
        {
            throw CliException.Usage(
                $"'{name}' takes {plan.Parameters.Count} argument(s), got {texts.Length}: {function.Signature}.",
                plan.Parameters.Count == 0 ? $"Run 'relaxnative run {file} {name}' with no arguments."
                : "Pass one value per parameter: " + string.Join(", ", plan.Parameters.Select(p => p.Parameter!.ToString())) + ".");
        }

        object?[] values = [.. texts.Select((text, i) => (object?)ArgumentParsing.Parse(text, plan.Parameters[i], name))];
        object? result = function.Mode == ExecutionMode.Async
            ? function.InvokeAsync(values).GetAwaiter().GetResult()
            : function.Invoke(values);

        if (json)
        {
            WriteJson(name, function, result);
        }
        else if (plan.Return.Kind != ValueKind.Void)
        {
            Terminal.Line(Formatting.Value(result));
        }

        return ExitCodes.Success;
    }

    // Apart from Run, so a plain run never loads System.Text.Json.
    private static void WriteJson(string name, NativeFunction function, object? result) =>
        JsonOutput.Write(new JsonObject
        {
            ["function"] = name,
            ["signature"] = function.Signature.ToString(),
            ["returns"] = TypeMapping.Returns(function.Plan.Return),
            ["result"] = function.Plan.Return.Kind == ValueKind.Void ? null : JsonOutput.Value(result is NativePointer ? Formatting.Value(result) : result),
        });
}
