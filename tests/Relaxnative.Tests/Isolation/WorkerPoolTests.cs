using Relaxnative.Isolation.Worker;

namespace Relaxnative.Tests.Isolation;

public sealed class WorkerPoolTests
{
    private static NativeModule OpenAsync(out NativeFunction add, out NativeFunction sleep, WorkerDispatcher dispatcher)
    {
        var module = Native.Open(IsolationFixture.LibraryPath);
        var library = module.Bind("int add(int a, int b)");
        var sleeper = module.Bind("int sleep_ms(int ms)");
        add = Rebind(library, dispatcher);
        sleep = Rebind(sleeper, dispatcher);
        return module;
    }

    // A function of the same library whose calls go through the dispatcher, as the facade binds Async functions.
    private static NativeFunction Rebind(NativeFunction function, WorkerDispatcher dispatcher) =>
        new(Relaxnative.Binding.NativeLibraryHandle.Open(IsolationFixture.LibraryPath), function.Address, function.Signature,
            ExecutionMode.Async, NativeCost.Unspecified, isTrivial: false, dispatcher);

    [Fact]
    public async Task InvokeAsync_TenThousandConcurrentCalls_AllComplete()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 2);
        using var module = OpenAsync(out var add, out _, dispatcher);

        var tasks = new Task<object?>[10_000];
        for (int i = 0; i < tasks.Length; i++)
        {
            tasks[i] = add.InvokeAsync(i, 1);
        }

        var results = await Task.WhenAll(tasks);
        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(i + 1, results[i]);
        }
    }

    [Fact]
    public async Task InvokeAsync_AsyncFunction_RunsOnAnotherNativeThread()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var libc = Native.Open("c");
        var gettid = libc.Bind("int gettid(void)");
        var onWorker = new NativeFunction(Relaxnative.Binding.NativeLibraryHandle.Open("c"), gettid.Address, gettid.Signature,
            ExecutionMode.Async, NativeCost.Unspecified, isTrivial: false, dispatcher);

        int caller = (int)gettid.Invoke()!;
        int worker1 = (int)(await onWorker.InvokeAsync())!;
        int worker2 = (int)(await onWorker.InvokeAsync())!;

        Assert.NotEqual(caller, worker1);
        Assert.Equal(worker1, worker2); // one dedicated thread, reused
    }

    [Fact]
    public async Task InvokeAsync_SyncFunction_RunsOnCaller()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = Native.Open(IsolationFixture.LibraryPath);
        var add = module.Bind("int add(int a, int b)");
        var syncAdd = new NativeFunction(Relaxnative.Binding.NativeLibraryHandle.Open(IsolationFixture.LibraryPath), add.Address, add.Signature,
            ExecutionMode.Sync, NativeCost.Unspecified, isTrivial: false, dispatcher);

        var task = syncAdd.InvokeAsync(2, 2);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(4, await task);
    }

    [Fact]
    public async Task InvokeAsync_CancelledBeforeStart_TaskIsCancelled()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = OpenAsync(out var add, out var sleep, dispatcher);
        var blocker = sleep.InvokeAsync(300);
        using var cancellation = new CancellationTokenSource();

        var queued = add.InvokeAsync(cancellation.Token, 1, 2);
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
        Assert.Equal(300, await blocker);
    }

    [Fact]
    public async Task InvokeAsync_AlreadyCancelled_NeverQueues()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = OpenAsync(out var add, out _, dispatcher);

        var task = add.InvokeAsync(new CancellationToken(canceled: true), 1, 2);

        Assert.True(task.IsCanceled);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task InvokeAsync_BadArgument_ExceptionInTask()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = OpenAsync(out var add, out _, dispatcher);

        await Assert.ThrowsAsync<ArgumentException>(() => add.InvokeAsync("not a number", 2));
    }

    [Fact]
    public async Task InvokeAsync_BufferFreedWhileQueued_StaysLeasedUntilCallEnds()
    {
        using var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = Native.Open(IsolationFixture.LibraryPath);
        var fillLocal = module.Bind("void fill_u8(uint8_t* data, size_t n, uint8_t value)");
        var fill = new NativeFunction(Relaxnative.Binding.NativeLibraryHandle.Open(IsolationFixture.LibraryPath), fillLocal.Address,
            fillLocal.Signature, ExecutionMode.Async, NativeCost.Unspecified, isTrivial: false, dispatcher);
        var sleepLocal = module.Bind("int sleep_ms(int ms)");
        var sleep = new NativeFunction(Relaxnative.Binding.NativeLibraryHandle.Open(IsolationFixture.LibraryPath), sleepLocal.Address,
            sleepLocal.Signature, ExecutionMode.Async, NativeCost.Unspecified, isTrivial: false, dispatcher);

        var blocker = sleep.InvokeAsync(200);
        var buffer = Native.Alloc(4096);
        var queued = fill.InvokeAsync(buffer, 4096UL, (byte)1);

        Assert.Equal(1, buffer.LeaseCount);
        buffer.Free();
        Assert.True(buffer.IsFreed);
        Assert.Equal(1, buffer.LeaseCount); // freed, but the memory is held until the queued call ends

        await blocker;
        await queued;
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public async Task Dispose_PendingCalls_FailWithObjectDisposed()
    {
        var dispatcher = new WorkerDispatcher(threadCount: 1);
        using var module = OpenAsync(out var add, out var sleep, dispatcher);
        var blocker = sleep.InvokeAsync(1000);
        await Task.Delay(50);
        var queued = Enumerable.Range(0, 5).Select(i => add.InvokeAsync(i, 1)).ToArray();

        Assert.False(blocker.IsCompleted, "blocker done early");
        Assert.All(queued, t => Assert.False(t.IsCompleted, "queued done early"));
        dispatcher.Dispose();

        Assert.Equal(1000, await blocker);
        foreach (var task in queued)
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => task);
        }
    }
}
