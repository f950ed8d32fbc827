using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

public sealed class ProcessDispatcherTests
{
    [Fact]
    public void Invoke_Add_RunsInHelperProcess()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var add = dispatcher.Function("int add(int a, int b)");

        Assert.Equal(5, add.Invoke(2, 3));
        Assert.True(add.IsRemote);
        Assert.NotNull(dispatcher.HelperProcessId);
        Assert.NotEqual(Environment.ProcessId, dispatcher.HelperProcessId);
    }

    [Fact]
    public void Invoke_DoubleAndFloat_ConvertBothWays()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        Assert.Equal(5.0, dispatcher.Function("double scale(double x, float factor)").Invoke(2.5, 2f));
    }

    [Fact]
    public void Invoke_FillIntoNativeBuffer_FillsCallersBuffer()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        using var buffer = Native.Alloc(1000);

        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(buffer, 1000UL, (byte)7);

        Assert.All(buffer.ToArray(), b => Assert.Equal(7, b));
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Invoke_HistogramIntoUInt32Array_FillsBins()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        byte[] data = [1, 2, 2, 3, 3, 3, 255];
        var bins = new uint[256];

        dispatcher.Function("void histogram_u8(const uint8_t* data, size_t n, uint32_t* bins)").Invoke(data, (ulong)data.Length, bins);

        Assert.Equal(1u, bins[1]);
        Assert.Equal(2u, bins[2]);
        Assert.Equal(3u, bins[3]);
        Assert.Equal(1u, bins[255]);
        Assert.Equal(7u, bins.Aggregate(0u, (a, b) => a + b));
    }

    [Fact]
    public void Invoke_TableOfBuffers_FillsEveryRow()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var rows = new[] { Native.Alloc(16), Native.Alloc(16), Native.Alloc(16) };

        dispatcher.Function("void fill_rows(uint8_t** rows, int count, size_t n)").Invoke(rows, 3, 16UL);

        for (int r = 0; r < rows.Length; r++)
        {
            Assert.All(rows[r].ToArray(), b => Assert.Equal(r + 1, b));
            rows[r].Free();
        }
    }

    [Fact]
    public void Invoke_StringInStringOut_CopiesBothWays()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        Assert.Equal("hello, world", dispatcher.Function("const char* greet(const char* name)").Invoke("world"));
    }

    [Fact]
    public void Invoke_OpaqueHandle_RoundTrips()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var handle = Assert.IsType<NativePointer>(dispatcher.Function("struct counter* counter_new(void)").Invoke());
        var next = dispatcher.Function("int counter_next(struct counter* c)");

        Assert.True(handle.IsRemote);
        Assert.Equal(1, next.Invoke(handle));
        Assert.Equal(2, next.Invoke(handle));
        Assert.Equal(3, next.Invoke(handle));
        dispatcher.Function("void counter_free(struct counter* c)").Invoke(handle);
    }

    [Fact]
    public void RemotePointer_ReadInHost_ThrowsInvalidOperation()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var handle = (NativePointer)dispatcher.Function("struct counter* counter_new(void)").Invoke()!;

        Assert.Throws<InvalidOperationException>(() => handle.Read<int>());
        Assert.Throws<InvalidOperationException>(() => handle.AsSpan<byte>(4));
    }

    [Fact]
    public void Invoke_Callback_IsRefused()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var apply = dispatcher.Function("int apply(int (*f)(int), int x)");

        var e = Assert.Throws<NotSupportedException>(() => apply.Invoke(new Func<int, int>(x => x * 2), 3));
        Assert.Contains("apply", e.Message, StringComparison.Ordinal);
        Assert.Contains("IsolationMode.Process", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_SeveralThreadsAtOnce_AllResultsCorrect()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var add = dispatcher.Function("int add(int a, int b)");

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (int i = 0; i < 200; i++)
            {
                Assert.Equal(t * 1000 + i + 1, add.Invoke(t * 1000 + i, 1));
            }
        });
    }

    [Fact]
    public async Task InvokeAsync_Add_CompletesWithResult()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var add = dispatcher.Function("int add(int a, int b)");

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => add.InvokeAsync(i, i)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (object?)(i * 2)), results);
    }

    [Fact]
    public void Alloc_SharedBuffer_CrossesWithoutCopyAndSurvivesRestart()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var shared = dispatcher.Alloc(1 << 20);
        shared.AsSpan().Fill(1);
        var sum = dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)");

        Assert.Equal((ulong)(1 << 20), sum.Invoke(shared, (ulong)(1 << 20)));
        dispatcher.Function("void fill_u8(uint8_t* data, size_t n, uint8_t value)").Invoke(shared, 10UL, (byte)3);
        Assert.Equal(3, shared.Read<byte>(9));
        Assert.Equal(1, shared.Read<byte>(10));

        Assert.Throws<NativeCrashException>(() => dispatcher.Function("int crash_segv(int code)").Invoke(1));
        Assert.Equal((ulong)(1 << 20) + 20, sum.Invoke(shared, (ulong)(1 << 20)));
        Assert.True(dispatcher.FreeShared(shared));
    }

    [Fact]
    public void Invoke_BufferLargerThanRegion_GrowsRegion()
    {
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { InitialSharedBytes = 4096 });
        using var big = Native.Alloc(3 << 20);
        big.AsSpan().Fill(2);

        Assert.Equal((ulong)(3 << 20) * 2, dispatcher.Function("uint64_t sum_u8(const uint8_t* data, size_t n)").Invoke(big, (ulong)(3 << 20)));
    }

    [Fact]
    public void Invoke_MissingExport_ThrowsBindingExceptionNamingIt()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var e = Assert.Throws<NativeBindingException>(() => dispatcher.Function("int not_there(int x)").Invoke(1));
        Assert.Contains("not_there", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_StopsHelper_NoProcessOrSharedMemoryLeft()
    {
        var dispatcher = IsolationFixture.StartProcess();
        var pids = new List<int>();
        dispatcher.HelperStarted += (_, e) => pids.Add(e.ProcessId);
        dispatcher.Function("int add(int a, int b)").Invoke(1, 2);

        dispatcher.Dispose();

        var pid = Assert.Single(pids);
        Assert.False(IsolationFixture.IsAlive(pid));
        Assert.Empty(IsolationFixture.SharedMemoryObjects(Environment.ProcessId));
    }
}
