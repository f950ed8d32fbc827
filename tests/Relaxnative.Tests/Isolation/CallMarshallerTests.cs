using Relaxnative.Isolation.Process;

namespace Relaxnative.Tests.Isolation;

/// <summary>
/// The copy policy of process-mode pointer arguments, observed by behaviour: a const pointee is copied in and never
/// back (C that writes through a cast-away const changes only the helper's copy), a writable one is copied back once,
/// and a buffer from the module's shared memory is not copied at all. Sizes beyond the scratch region grow it.
/// </summary>
public sealed class CallMarshallerTests
{
    private const string ScribbleConst = "uint64_t scribble_const(const uint8_t* data, size_t n, uint8_t delta)";
    private const string AddU8 = "void add_u8(uint8_t* data, size_t n, uint8_t delta)";

    [Fact]
    public void Invoke_ConstPointeeWrittenThroughCast_CallersBytesUnchanged()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var scribble = dispatcher.Function(ScribbleConst);
        byte[] array = Pattern(4096);
        using var buffer = PatternBuffer(4096);
        ulong written = Sum(array) + 4096; // what C summed after adding 1 to every byte (no byte of the pattern is 255)

        Assert.Equal(written, scribble.Invoke(array, 4096UL, (byte)1));
        Assert.Equal(written, scribble.Invoke(buffer, 4096UL, (byte)1));
        Assert.Equal(written, scribble.Invoke(buffer.Slice(0, 4096), 4096UL, (byte)1));
        Assert.Equal(written, scribble.Invoke(new NativePointer(buffer.DangerousGetAddress(), 4096), 4096UL, (byte)1));

        Assert.Equal(Pattern(4096), array);
        Assert.Equal(Pattern(4096), buffer.ToArray());
    }

    [Fact]
    public void Invoke_WritablePointee_CopiedBackExactlyOnce()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var add = dispatcher.Function(AddU8);
        byte[] array = Pattern(4096);
        using var buffer = PatternBuffer(4096);
        using var other = PatternBuffer(4096);

        add.Invoke(array, 4096UL, (byte)3);
        add.Invoke(buffer, 4096UL, (byte)3);
        add.Invoke(other.Slice(1024, 1024), 1024UL, (byte)3);

        Assert.Equal(Shifted(Pattern(4096), 3), array);
        Assert.Equal(Shifted(Pattern(4096), 3), buffer.ToArray());
        var expected = Pattern(4096);
        Shifted(expected.AsSpan(1024, 1024), 3);
        Assert.Equal(expected, other.ToArray());
    }

    [Fact]
    public void Invoke_24MiBBothWays_GrowsRegionCopiesWritableBackAndLeavesConstAlone()
    {
        const int size = 24 << 20;
        using var dispatcher = IsolationFixture.StartProcess(new ProcessIsolationOptions { InitialSharedBytes = 1 << 20 });
        using var buffer = Native.Alloc(size);
        byte[] pattern = Pattern(size);
        buffer.Write(pattern);

        dispatcher.Function(AddU8).Invoke(buffer, (ulong)size, (byte)7);
        Assert.True(buffer.AsSpan().SequenceEqual(Shifted(pattern, 7)));

        buffer.Write(pattern);
        Assert.Equal(Sum(pattern) + size, dispatcher.Function(ScribbleConst).Invoke(buffer, (ulong)size, (byte)1));
        Assert.True(buffer.AsSpan().SequenceEqual(pattern), "the const argument was copied back");
    }

    [Fact]
    public void Invoke_ConstRowsOfTableWrittenThroughCast_CallersRowsUnchanged()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var rows = new[] { PatternBuffer(64), PatternBuffer(64) };
        using var pointed = PatternBuffer(64);

        var scribble = dispatcher.Function("uint64_t scribble_const_rows(const uint8_t* const* rows, int count, size_t n, uint8_t delta)");
        Assert.Equal(2 * (Sum(Pattern(64)) + 64), scribble.Invoke(rows, 2, 64UL, (byte)1));
        Assert.Equal(Sum(Pattern(64)) + 64, scribble.Invoke(new NativePointer?[] { pointed.AsPointer() }, 1, 64UL, (byte)1));

        Assert.All(rows, row => Assert.Equal(Pattern(64), row.ToArray()));
        Assert.Equal(Pattern(64), pointed.ToArray());
        foreach (var row in rows)
        {
            row.Free();
        }
    }

    [Fact]
    public void Invoke_SharedBufferConstPointee_IsNotCopiedAtAll()
    {
        using var dispatcher = IsolationFixture.StartProcess();
        var shared = dispatcher.Alloc(4096);
        shared.Write(Pattern(4096));

        dispatcher.Function(ScribbleConst).Invoke(shared, 4096UL, (byte)1);

        // The helper wrote into the very memory this process reads: no copy in, so nothing to withhold.
        Assert.Equal(Shifted(Pattern(4096), 1), shared.ToArray());
        Assert.True(dispatcher.FreeShared(shared));
    }

    // Bytes 0..250 repeating: no byte is 255, so adding 1 never wraps, and neighbours differ.
    private static byte[] Pattern(int size)
    {
        var bytes = new byte[size];
        for (int i = 0; i < size; i++)
        {
            bytes[i] = (byte)(i % 251);
        }

        return bytes;
    }

    private static NativeBuffer PatternBuffer(int size)
    {
        var buffer = Native.Alloc(size);
        buffer.Write(Pattern(size));
        return buffer;
    }

    private static ulong Sum(byte[] bytes)
    {
        ulong sum = 0;
        foreach (byte b in bytes)
        {
            sum += b;
        }

        return sum;
    }

    private static byte[] Shifted(byte[] bytes, byte delta)
    {
        var copy = (byte[])bytes.Clone();
        Shifted(copy.AsSpan(), delta);
        return copy;
    }

    private static void Shifted(Span<byte> bytes, byte delta)
    {
        foreach (ref byte b in bytes)
        {
            b = (byte)(b + delta);
        }
    }
}
