using System.Text;
using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Isolation;

/// <summary>Variadic functions declared in a loaded source, called on worker threads and in the helper process.</summary>
public sealed class VariadicIsolationTests
{
    [Fact]
    public async Task InvokeAsync_WorkerIsolation_RunsTheCallShapeOnAWorker()
    {
        using var module = NativeFixtures.Load("variadics.c", IsolationMode.Worker);
        var sum = module.Bind("double sum_mixed(const char* kinds, ...)", new BindOptions { Mode = ExecutionMode.Async });

        var total = await sum.InvokeAsync("ids", 3, 0.5, "four");

        Assert.Equal(7.5, total);
        Assert.Equal(7.5, sum.Invoke("ids", 3, 0.5, "four"));
    }

    [Fact]
    public async Task Invoke_ProcessIsolation_CallsTheShapeInTheHelper()
    {
        using var module = NativeFixtures.Load("variadics.c", IsolationMode.Process);
        var sum = module["sum_mixed"];
        byte[] line = new byte[64];

        Assert.True(sum.IsVariadic);
        Assert.Equal(12.25, sum.Invoke("idl", 2, 0.25, 10L));
        Assert.Equal(1002.5, await sum.InvokeAsync("pd", module.Alloc(16), 2.5));
        int written = (int)module["format_line"].Invoke(line, (nuint)line.Length, "%s=%.3f", "pi", Math.PI)!;
        Assert.Equal("[log] pi=3.142", Encoding.UTF8.GetString(line, 0, written));
        Assert.Equal(55L, module["sum_ints"].Invoke([10, .. Enumerable.Range(1, 10).Cast<object?>()]));
    }

    [Fact]
    public void Invoke_ProcessIsolationBadTail_ThrowsBeforeReachingTheHelper()
    {
        using var module = NativeFixtures.Load("variadics.c", IsolationMode.Process);

        var e = Assert.Throws<ArgumentException>(() => module["sum_mixed"].Invoke("d", new object()));

        Assert.Contains("Argument 2 of 'sum_mixed' matches '...', and Object has no C type", e.Message, StringComparison.Ordinal);
        Assert.Null(module.HelperProcessId);
    }
}
