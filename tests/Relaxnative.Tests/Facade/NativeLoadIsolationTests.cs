using Relaxnative.Tests.Examples;

namespace Relaxnative.Tests.Facade;

public sealed class NativeLoadIsolationTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "relaxnative-isolation-load-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
        {
            Directory.Delete(_cache, recursive: true);
        }
    }

    private LoadOptions Options(IsolationMode isolation) =>
        new() { Isolation = isolation, Build = new BuildOptions { CacheDirectory = _cache } };

    [Fact]
    public void Load_ProcessIsolation_CrashBecomesExceptionAndTheNextCallWorks()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("crash.c"), Options(IsolationMode.Process));
        Assert.Equal(IsolationMode.Process, module.Isolation);
        Assert.Equal(2, module["well_behaved"].Invoke(1));
        int? firstHelper = module.HelperProcessId;

        var e = Assert.Throws<NativeCrashException>(() => module["crash"].Invoke(7));
        Assert.Equal("SIGSEGV", e.Signal);
        Assert.Equal("crash", e.FunctionName);

        Assert.Equal(11, module["well_behaved"].Invoke(10));
        Assert.NotNull(firstHelper);
        Assert.NotEqual(firstHelper, module.HelperProcessId);
        Assert.Throws<InvalidOperationException>(() => module["well_behaved"].Address);
    }

    [Fact]
    public void Load_ProcessIsolation_SharedBuffersCrossWithoutCopyAndArraysCopyBack()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("buffers.c"), Options(IsolationMode.Process));
        var shared = module.Alloc(4096);
        module["fill_u8"].Invoke(shared, (nuint)4096, (byte)2);
        Assert.Equal(8192UL, module["sum_u8"].Invoke(shared, (nuint)4096));
        Assert.Equal(2, shared.Read<byte>(4095));
        module.Free(shared);

        byte[] array = new byte[100];
        module["fill_u8"].Invoke(array, (nuint)100, (byte)5);
        Assert.All(array, b => Assert.Equal(5, b));
    }

    [Fact]
    public void Load_ProcessIsolation_CallTimeoutKillsTheHelperAndTheNextCallWorks()
    {
        var options = Options(IsolationMode.Process) with { CallTimeout = TimeSpan.FromMilliseconds(300) };
        using var module = Native.Load(ExampleLibrary.PathOf("loop.c"), options);
        Assert.Equal(45L, module["loop_sum"].Invoke(10L));
        var e = Assert.Throws<NativeTimeoutException>(() => module["loop_sum"].Invoke(long.MaxValue));
        Assert.Equal("loop_sum", e.FunctionName);
        Assert.Equal(4950L, module["loop_sum"].Invoke(100L));
    }

    [Fact]
    public async Task Load_WorkerIsolation_AsyncFunctionsRunOnWorkerThreadsAndDynamicReturnsTask()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("heavy.c"), Options(IsolationMode.Worker));
        var heavy = module["heavy"];
        Assert.Equal(ExecutionMode.Async, heavy.Mode);
        Assert.NotNull(heavy.Dispatcher);
        double direct = (double)heavy.InvokeInProcess(1000L)!;

        Assert.Equal(direct, await heavy.InvokeAsync<double>(1000L));
        object pending = module.AsDynamic().heavy(1000L);
        var task = Assert.IsAssignableFrom<Task<object?>>(pending);
        Assert.Equal(direct, await task);
    }

    [Fact]
    public void Load_WorkerIsolation_SyncFunctionsCallDirectly()
    {
        using var module = Native.Load(ExampleLibrary.PathOf("add.c"), Options(IsolationMode.Worker));
        Assert.Null(module["add"].Dispatcher);
        Assert.Equal(5, (int)module.AsDynamic().add(2, 3));
    }
}
