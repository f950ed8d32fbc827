using System.CommandLine;
using System.Text.Json.Nodes;
using Relaxnative.Binding;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary><c>relaxnative inspect</c>: every function a source exports, how .NET calls it, and what was skipped and why.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A C, C++ or Rust source." };
        var json = CommonOptions.Json();
        var command = new Command("inspect", "List each function with its C signature, the .NET types it takes and returns, mode, cost and trivial flag, and the functions skipped with the reason.")
        {
            file, json,
        };
        command.SetAction(parse => Run(parse.GetValue(file)!, parse.GetValue(json)));
        return command;
    }

    private static int Run(string file, bool json)
    {
        using var module = ModuleLoading.Load(file, LoadOptions.Default with { Isolation = IsolationMode.InProcess }, json);
        var functions = module.Functions;
        if (json)
        {
            JsonOutput.Write(new JsonObject
            {
                ["source"] = module.SourcePath,
                ["library"] = module.LibraryPath,
                ["exported"] = module.ExportedCount,
                ["bound"] = functions.Count,
                ["functions"] = new JsonArray([.. functions.Select(ToJson)]),
                ["skipped"] = new JsonArray([.. module.Skipped.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["reason"] = s.Reason })]),
            });
            return ExitCodes.Success;
        }

        Terminal.Line($"{module.SourcePath}: {functions.Count} function(s), {module.Skipped.Count} skipped");
        Terminal.Line($"library: {module.LibraryPath}");
        var table = Tables.Create("function", "C signature", "resolved", ".NET parameters", ".NET returns", "mode", "cost", "trivial");
        foreach (var function in functions)
        {
            var plan = function.Plan;
            string parameters = plan.Parameters.Count == 0 ? "()"
                : string.Join(", ", plan.Parameters.Select(p => $"{p.Parameter!.Name ?? "arg" + (p.Parameter.Index + 1)}: {TypeMapping.Accepts(p)}"));
            table.Row(function.Name, function.Signature.ToString(), ResolvedOrSame(function.Signature), parameters, TypeMapping.Returns(plan.Return),
                function.Mode.ToString(), function.Cost.ToString(), function.IsTrivial ? "yes" : "no");
        }

        Terminal.Write(table);
        if (module.Skipped.Count > 0)
        {
            Terminal.Line("skipped:");
            foreach (var skipped in module.Skipped)
            {
                Terminal.Line($"  {skipped.Name}: {skipped.Reason}");
            }
        }

        Terminal.Line($"{module.ExportedCount} exported, {functions.Count} bound, {module.Skipped.Count} skipped");
        return ExitCodes.Success;
    }

    /// <summary>The resolved signature, or "=" when no typedef name is involved, so the table stays readable.</summary>
    private static string ResolvedOrSame(CFunctionSignature signature) =>
        signature.Resolved.ToString() is var resolved && resolved != signature.ToString() ? resolved : "=";

    private static JsonNode ToJson(NativeFunction function)
    {
        var plan = function.Plan;
        return new JsonObject
        {
            ["name"] = function.Name,
            ["signature"] = function.Signature.ToString(),
            ["resolved"] = function.Signature.Resolved.ToString(),
            ["parameters"] = new JsonArray([.. plan.Parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Parameter!.Name,
                ["c"] = p.Type.ToString(),
                ["dotnet"] = TypeMapping.Accepts(p),
                ["abi"] = TypeMapping.Keyword(p.AbiType),
            })]),
            ["returns"] = new JsonObject { ["c"] = plan.Return.Type.ToString(), ["dotnet"] = TypeMapping.Returns(plan.Return) },
            ["mode"] = function.Mode.ToString(),
            ["cost"] = function.Cost.ToString(),
            ["trivial"] = function.IsTrivial,
        };
    }
}
