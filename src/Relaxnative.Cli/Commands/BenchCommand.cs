using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Relaxnative.Cli.Output;
using Relaxnative.Cli.Support;

namespace Relaxnative.Cli.Commands;

/// <summary>
/// <c>relaxnative bench</c>: calls one function many times with synthesised arguments and prints calls per second
/// and per-call statistics; <c>--traditional</c> also runs a plain C# version of a known example kernel.
/// </summary>
internal static class BenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A C, C++ or Rust source." };
        var function = new Argument<string>("function") { Description = "The function to measure." };
        var scalars = new Option<string[]>("--args")
        {
            Description = "Values for the scalar parameters that are not element counts, in order (others get 1).",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "values",
        };
        var size = CommonOptions.Count("--size", 4096, 1, "Elements in each synthesised buffer; integers right after a pointer get this count (matmul: the matrix order is its square root).");
        var iterations = CommonOptions.Count("--iterations", 10_000, 1, "Measured calls.");
        var warmup = CommonOptions.Count("--warmup", 100, 0, "Calls before measuring.");
        var isolation = CommonOptions.Isolation("in-process", "Where calls run: in-process, worker (native worker threads) or process (a helper process; a crash is an error, not the end).");
        var traditional = new Option<bool>("--traditional") { Description = "Also run a plain C# version (known kernels: " + string.Join(", ", KnownKernels.Names) + ") and print the speed-up." };
        var json = CommonOptions.Json();
        var command = new Command("bench", "Measure calls per second and per-call time (mean, median, p95, min) of a function with synthesised arguments.")
        {
            file, function, scalars, size, iterations, warmup, isolation, traditional, json,
        };
        command.SetAction(parse => Run(new Settings(parse.GetValue(file)!, parse.GetValue(function)!, parse.GetValue(scalars) ?? [],
            parse.GetValue(size), parse.GetValue(iterations), parse.GetValue(warmup),
            Support.IsolationOption.Parse(parse.GetValue(isolation)!), parse.GetValue(traditional), parse.GetValue(json))));
        return command;
    }

    private sealed record Settings(string File, string Function, string[] Scalars, int Size, int Iterations, int Warmup,
        IsolationMode Isolation, bool Traditional, bool Json);

    private static int Run(Settings s)
    {
        var isolation = Support.IsolationOption.Resolve(s.Isolation);
        using var module = ModuleLoading.Load(s.File, LoadOptions.Default with { Isolation = isolation }, s.Json);
        var function = FunctionLookup.Find(module, s.Function);
        var known = KnownKernels.Find(function.Name);
        long count = known?.CountFromSize(s.Size) ?? s.Size;
        using var arguments = BenchArguments.Create(function, s.Size, count, s.Scalars);

        (Action call, string path) = ChooseCall(function, known, arguments);
        var native = BenchStatistics.Measure(call, s.Iterations, s.Warmup);
        BenchStatistics? baseline = null;
        if (s.Traditional)
        {
            if (known is null || path != "typed")
            {
                Terminal.WriteNotice($"notice: no C# baseline for '{function.Name}' ({function.Signature}); known kernels: {string.Join(", ", KnownKernels.Names)}.");
            }
            else
            {
                baseline = BenchStatistics.Measure(known.Baseline(arguments), s.Iterations, s.Warmup);
            }
        }

        if (s.Json)
        {
            var node = new JsonObject
            {
                ["function"] = function.Name,
                ["signature"] = function.Signature.ToString(),
                ["isolation"] = Support.IsolationOption.Name(isolation),
                ["path"] = path,
                ["size"] = s.Size,
                ["count"] = count,
                ["native"] = ToJson(native),
            };
            if (baseline is not null)
            {
                node["traditional"] = ToJson(baseline);
                node["speedup"] = baseline.MeanNs / native.MeanNs;
            }

            JsonOutput.Write(node);
            return ExitCodes.Success;
        }

        Terminal.Line($"{function.Signature}  [{path} call, {Support.IsolationOption.Name(isolation)}, size {s.Size}, {s.Iterations} iterations, {s.Warmup} warm-up]");
        var table = Tables.Create("", "calls/s", "mean", "median", "p95", "min");
        Row(table, "native", native);
        if (baseline is not null)
        {
            Row(table, "C#", baseline);
        }

        Terminal.Write(table);
        if (baseline is not null)
        {
            double speedup = baseline.MeanNs / native.MeanNs;
            Terminal.Line(string.Create(CultureInfo.InvariantCulture, $"speed-up: {speedup:0.00}x (C# mean / native mean)"));
        }

        return ExitCodes.Success;
    }

    private static (Action Call, string Path) ChooseCall(NativeFunction function, KnownKernel? known, BenchArguments arguments)
    {
        if (function.Mode == ExecutionMode.Async)
        {
            // Async functions are dispatched (worker threads under worker isolation): measure that path.
            return (() => function.InvokeAsync(arguments.Values).GetAwaiter().GetResult(), "async");
        }

        if (known is not null)
        {
            try
            {
                return (known.Typed(function, arguments), "typed");
            }
            catch (NativeBindingException)
            {
                // Same name, different signature: not the example kernel; measure it through Invoke.
            }
        }

        return (() => function.Invoke(arguments.Values), "invoke");
    }

    private static void Row(Spectre.Console.Table table, string label, BenchStatistics stats) =>
        table.Row(label, Formatting.Rate(stats.CallsPerSecond), Formatting.Nanoseconds(stats.MeanNs), Formatting.Nanoseconds(stats.MedianNs),
            Formatting.Nanoseconds(stats.P95Ns), Formatting.Nanoseconds(stats.MinNs));

    private static JsonObject ToJson(BenchStatistics stats) => new()
    {
        ["iterations"] = stats.Iterations,
        ["callsPerSecond"] = stats.CallsPerSecond,
        ["meanNs"] = stats.MeanNs,
        ["medianNs"] = stats.MedianNs,
        ["p95Ns"] = stats.P95Ns,
        ["minNs"] = stats.MinNs,
    };
}
