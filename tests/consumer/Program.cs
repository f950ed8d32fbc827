using System.Diagnostics;
using System.Runtime.CompilerServices;
using Relaxnative;

// The consumer test's application: it references only the Relaxnative package and is run from a working directory
// other than its own, in each publish mode. It prints one line per check and exits 0 only when all pass.
string kernel = Path.Combine(AppContext.BaseDirectory, "kernel.c");
string mode = args.Length > 0 ? args[0] : "unknown";
int failures = 0;

void Check(string name, bool passed, string detail)
{
    Console.WriteLine($"{(passed ? "ok  " : "FAIL")} {mode,-12} {name}: {detail}");
    failures += passed ? 0 : 1;
}

var clock = Stopwatch.StartNew();
using (var buffer = Native.Alloc(64))
{
    buffer.Write(8, 42L);
    Check("memory", buffer.Read<long>(8) == 42, buffer.ToString());
}

if (!RuntimeFeature.IsDynamicCodeSupported)
{
    // NativeAOT: loading works, and calls go through a function pointer the application declares.
    using var module = Native.Load(kernel, new LoadOptions { Isolation = IsolationMode.InProcess });
    int result;
    unsafe
    {
        var add = (delegate* unmanaged<int, int, int>)module["add"].Address;
        result = add(2, 3);
    }

    Check("function-pointer", result == 5, $"add(2, 3) through delegate* unmanaged, {module.Functions.Count} functions bound");
    if (args.Length > 1 && args[1] == "no-dotnet")
    {
        // The helper needs an installed .NET runtime under NativeAOT; without one the error says what was tried.
        try
        {
            using var isolated = Native.Load(kernel, new LoadOptions { Isolation = IsolationMode.Process });
            isolated["add"].Invoke(1, 1);
            Check("process-without-dotnet", false, "the helper started without a .NET runtime");
        }
        catch (FileNotFoundException e)
        {
            Check("process-without-dotnet", e.Message.Contains("DOTNET_ROOT or PATH", StringComparison.Ordinal), e.Message.Split('\n')[0]);
        }
    }
    else
    {
        // The helper runs on an installed .NET runtime ('dotnet exec'), published beside the application.
        CheckProcessIsolation();
    }

    Console.WriteLine($"{mode}: {(failures == 0 ? "all checks passed" : failures + " checks failed")} in {clock.Elapsed.TotalMilliseconds:F0} ms");
    return failures == 0 ? 0 : 1;
}

using (var inProcess = Native.Load(kernel, new LoadOptions { Isolation = IsolationMode.InProcess }))
{
    Check("in-process", inProcess["add"].Invoke<int>(2, 3) == 5, $"add(2, 3) in {clock.Elapsed.TotalMilliseconds:F0} ms");
}

using (var worker = Native.Load(kernel))
{
    byte[] data = [.. Enumerable.Repeat((byte)3, 1000)];
    ulong sum = await worker["sum_u8"].InvokeAsync<ulong>(data, (nuint)data.Length);
    Check("worker", sum == 3000 && worker["sum_u8"].Mode == ExecutionMode.Async, $"sum_u8 = {sum} on a worker thread");
}

CheckProcessIsolation();

Console.WriteLine($"{mode}: {(failures == 0 ? "all checks passed" : failures + " checks failed")} in {clock.Elapsed.TotalMilliseconds:F0} ms");
return failures == 0 ? 0 : 1;

void CheckProcessIsolation()
{
    using var isolated = Native.Load(kernel, new LoadOptions { Isolation = IsolationMode.Process });
    Check("process", isolated["add"].Invoke<int>(20, 22) == 42, "add(20, 22) in the helper process");
    try
    {
        isolated["crash"].Invoke(7);
        Check("crash", false, "crash(7) returned");
    }
    catch (NativeCrashException e)
    {
        Check("crash", e.Signal == "SIGSEGV", $"{e.Signal} in '{e.FunctionName}' caught");
    }

    Check("restart", isolated["add"].Invoke<int>(1, 1) == 2, "add(1, 1) on a fresh helper");
}
