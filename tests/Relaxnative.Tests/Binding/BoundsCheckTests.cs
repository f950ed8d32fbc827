using Relaxnative.Tests.Support;

namespace Relaxnative.Tests.Binding;

public sealed class BoundsCheckTests
{
    private delegate nuint ReadSpan(Span<byte> buffer, nuint count);

    private delegate nuint ReadArray(byte[] buffer, nuint count);

    private delegate void Scale(Span<float> samples, int count, float factor);

    private delegate void Fill(NativeBuffer dst, nuint n, int value);

    [Theory]
    [InlineData(IsolationMode.InProcess)]
    [InlineData(IsolationMode.Worker)]
    [InlineData(IsolationMode.Process)]
    public void Invoke_BufferSmallerThanAccessCount_IsRefusedNamingBothArgumentsAndSizes(IsolationMode isolation)
    {
        using var module = NativeFixtures.Load("bounds.c", isolation);
        var buffer = new byte[16];
        Assert.Equal((nuint)16, module["stream_read"].Invoke(buffer, (nuint)16));
        Assert.Equal(16, buffer[15]);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => module["stream_read"].Invoke(buffer, (nuint)17));
        Assert.Equal("count", e.ParamName);
        Assert.Equal(17UL, e.ActualValue);
        Assert.Contains("Argument 1 ('buf') of 'stream_read' holds 16 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("argument 2 ('count') asks for 17 element(s) of 1 byte(s) (17 bytes)", e.Message, StringComparison.Ordinal);
        Assert.Contains("access(write_only, 1, 2)", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, buffer[0] - 1); // the refused call did not run: the first byte is still what the good call wrote
    }

    [Fact]
    public void Invoke_ElementCountsScaleByPointeeSize()
    {
        using var module = NativeFixtures.Load("bounds.c", IsolationMode.InProcess);
        using var samples = Native.Alloc(4 * sizeof(float));
        module["scale_samples"].Invoke(samples, 4, 2f);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => module["scale_samples"].Invoke(samples, 5, 2f));
        Assert.Contains("holds 16 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("5 element(s) of 4 byte(s) (20 bytes)", e.Message, StringComparison.Ordinal);
        // A negative count is a huge size_t to C, and refused.
        Assert.Throws<ArgumentOutOfRangeException>(() => module["scale_samples"].Invoke(new float[4], -1, 2f));

        var sum = module["checksum"];
        Assert.Equal(6u, sum.Invoke((nuint)3, new byte[] { 1, 2, 3 }));
        var over = Assert.Throws<ArgumentOutOfRangeException>(() => sum.Invoke((nuint)4, new byte[] { 1, 2, 3 }));
        Assert.Contains("Argument 2 ('data')", over.Message, StringComparison.Ordinal);
        Assert.Contains("argument 1 ('n')", over.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invoke_AnnotatedBounds_AreChecked()
    {
        using var module = NativeFixtures.Load("bounds.c", IsolationMode.InProcess);
        var words = new int[3];
        module["fill_words"].Invoke(words, (nuint)3, 7);
        Assert.Equal([7, 7, 7], words);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => module["fill_words"].Invoke(words, (nuint)4, 7));
        Assert.Contains("@bounds(dst, n)", e.Message, StringComparison.Ordinal);
        Assert.Contains("holds 12 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsDelegate_SpansArraysAndBuffers_AreChecked()
    {
        using var module = NativeFixtures.Load("bounds.c", IsolationMode.InProcess);
        var readSpan = module["stream_read"].AsDelegate<ReadSpan>();
        Span<byte> bytes = stackalloc byte[8];
        Assert.Equal((nuint)8, readSpan(bytes, 8));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => readSpan(new byte[8], 9));
        Assert.Contains("holds 8 bytes", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => module["stream_read"].AsDelegate<ReadArray>()(new byte[2], 3));

        var scale = module["scale_samples"].AsDelegate<Scale>();
        var samples = new float[] { 1, 2 };
        scale(samples, 2, 3f);
        Assert.Equal([3f, 6f], samples);
        var s = Assert.Throws<ArgumentOutOfRangeException>(() => scale(samples, 3, 3f));
        Assert.Contains("holds 8 bytes", s.Message, StringComparison.Ordinal);

        using var buffer = Native.Alloc(8);
        var fill = module["fill_words"].AsDelegate<Fill>();
        fill(buffer, 2, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => fill(buffer, 3, 5));
    }

    [Fact]
    public void Invoke_UnknownSizes_PassUnchecked()
    {
        using var module = NativeFixtures.Load("bounds.c", IsolationMode.InProcess);
        using var buffer = Native.Alloc(32);
        Assert.Equal((nuint)32, module["stream_read"].Invoke(buffer.DangerousGetAddress(), (nuint)32));
        Assert.Equal(1, module["first_byte"].Invoke(buffer, 1000));
    }

    [Fact]
    public void Invoke_LibcReadAndWriteFromHeader_AreChecked()
    {
        using var libc = Native.Open("libc.so.6", new OpenOptions { Headers = ["unistd.h"] });
        var buffer = new byte[16];
        Assert.Equal(-1L, Convert.ToInt64(libc["read"].Invoke(-1, buffer, (nuint)16), System.Globalization.CultureInfo.InvariantCulture)); // EBADF: the call ran
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => libc["read"].Invoke(-1, buffer, (nuint)4096));
        Assert.Contains("Argument 2 ('__buf') of 'read' holds 16 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("argument 3 ('__nbytes') asks for 4096", e.Message, StringComparison.Ordinal);
        Assert.Contains("access(write_only, 2, 3)", e.Message, StringComparison.Ordinal);

        // A string argument holds its UTF-8 bytes and the NUL: write() past them would leak memory contents.
        var w = Assert.Throws<ArgumentOutOfRangeException>(() => libc["write"].Invoke(-1, "hi", (nuint)100));
        Assert.Contains("holds 3 bytes", w.Message, StringComparison.Ordinal);

        var bound = libc.Bind("ssize_t read(int __fd, void* __buf, size_t __nbytes)");
        Assert.Throws<ArgumentOutOfRangeException>(() => bound.Invoke(-1, buffer, (nuint)17));
    }

    [Fact]
    public void Bind_BoundsOption_PairsByName()
    {
        using var libc = Native.Open("libc.so.6");
        var memset = libc.Bind("void* memset(void* s, int c, size_t n)", new BindOptions { Bounds = [new BoundsPair("s", "n")] });
        using var buffer = Native.Alloc(8);
        memset.Invoke(buffer, 1, (nuint)8);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => memset.Invoke(buffer, 1, (nuint)9));
        Assert.Contains("@bounds(s, n)", e.Message, StringComparison.Ordinal);

        var unknown = Assert.Throws<NativeBindingException>(() =>
            libc.Bind("void* memset(void* s, int c, size_t n)", new BindOptions { Bounds = [new BoundsPair("dst", "n")] }));
        Assert.Contains("'dst'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("s, c, n", unknown.Message, StringComparison.Ordinal);
        var swapped = Assert.Throws<NativeBindingException>(() =>
            libc.Bind("void* memset(void* s, int c, size_t n)", new BindOptions { Bounds = [new BoundsPair("n", "s")] }));
        Assert.Contains("data pointer", swapped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_WorkerThread_RefusesBeforeTheCall()
    {
        using var module = NativeFixtures.Load("bounds.c", IsolationMode.Worker);
        var read = module.Bind("size_t stream_read(void* buf, size_t count)", new BindOptions { Mode = ExecutionMode.Async });
        Assert.Equal((nuint)4, await read.InvokeAsync(new byte[4], (nuint)4));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => read.InvokeAsync(new byte[4], (nuint)5));
    }
}
