using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

/// <summary>Process-mode calls lease their buffers from the moment they are made, and a freed buffer never poisons the module.</summary>
public sealed class CallLeaseTests
{
    private const string FillSlowly = "void fill_u8_slowly(uint8_t* data, size_t n, uint8_t value, int ms)";

    [Fact]
    public async Task Invoke_OutputBufferFreedDuringCall_CallSucceedsAndLaterCallsWork()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var add = dispatcher.Function("int add(int a, int b)");
        Assert.Equal(3, add.Invoke(1, 2)); // the helper is up: the slow call below starts at once
        var buffer = Native.Alloc(64);

        var call = Task.Run(() => dispatcher.Function(FillSlowly).Invoke(buffer, 64UL, (byte)9, 1500));
        await WaitUntil(() => buffer.LeaseCount == 1);
        await Task.Delay(100); // well inside the 1.5 s the helper spends in the call
        buffer.Free();
        Assert.True(buffer.IsFreed);

        Assert.Null(await call); // no copy-back into freed memory, and no exception
        Assert.Equal(0, buffer.LeaseCount);
        Assert.Equal(3, add.Invoke(1, 2));
        using var next = Native.Alloc(8);
        dispatcher.Function(FillSlowly).Invoke(next, 8UL, (byte)4, 0);
        Assert.Equal(4, next.Read<byte>(7));
    }

    [Fact]
    public async Task Invoke_BufferFreedWhileQueuedBehindAnotherCall_CallCompletes()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var sleep = dispatcher.Function("int sleep_ms(int ms)");
        var fill = dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)");
        Assert.Equal(0, sleep.Invoke(0));
        var buffer = Native.Alloc(64);

        var busy = Task.Run(() => sleep.Invoke(1500));
        await Task.Delay(100);
        var queued = Task.Run(() => fill.Invoke(buffer, 64UL, (byte)5));
        await WaitUntil(() => buffer.LeaseCount == 1); // leased on entry, while it waits for the helper
        buffer.Free();

        Assert.Null(await queued);
        Assert.Equal(1500, await busy);
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public async Task InvokeAsync_BufferFreedWhileQueued_CallCompletes()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var sleep = dispatcher.CreateFunction(Relaxnative.Signatures.CDeclarationParser.Parse("int sleep_ms(int ms)"), ExecutionMode.Async);
        var fill = dispatcher.CreateFunction(Relaxnative.Signatures.CDeclarationParser.Parse("void fill_u8(uint8_t* data, size_t n, uint8_t value)"), ExecutionMode.Async);
        var buffer = Native.Alloc(64);

        var busy = sleep.InvokeAsync(400);
        var queued = fill.InvokeAsync(buffer, 64UL, (byte)5);
        Assert.Equal(1, buffer.LeaseCount); // taken by InvokeAsync itself
        buffer.Free();

        Assert.Null(await queued);
        Assert.Equal(400, await busy);
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Invoke_BufferFreedBeforeCall_ThrowsUseAfterFreeAndModuleKeepsWorking()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var buffer = Native.Alloc(64);
        buffer.Free();

        Assert.Throws<UseAfterFreeException>(() => dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(buffer, 64UL, (byte)5));
        Assert.Equal(3, dispatcher.Function("int add(int a, int b)").Invoke(1, 2));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition never held");
    }
}
