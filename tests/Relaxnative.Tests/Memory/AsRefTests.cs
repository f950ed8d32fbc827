namespace Relaxnative.Tests.Memory;

/// <summary>NativeBuffer.AsRef and NativePointer.AsRef: a reference to a struct in native memory, bounds- and alignment-checked.</summary>
public sealed class AsRefTests
{
    private struct Sample { public float F; public int I; public double D; }

    [Fact]
    public void AsRef_AlignedOffset_WritesThroughToTheBuffer()
    {
        using var buffer = Native.Alloc(32);

        ref var sample = ref buffer.AsRef<Sample>(8);
        sample.D = 2.5;
        sample.I = 9;

        Assert.Equal(2.5, buffer.Read<double>(16));
        Assert.Equal(9, buffer.AsPointer().Offset(8).AsRef<Sample>().I);
    }

    [Fact]
    public void AsRef_OffsetNotAlignedForTheStruct_Throws()
    {
        using var buffer = Native.Alloc(32);

        // Sample is 16 bytes but aligned to 8 (its double): offset 4 is misaligned, offset 8 is not.
        var error = Assert.Throws<ArgumentException>(() => buffer.AsRef<Sample>(4));

        Assert.Contains("8 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsRef_PastTheEnd_ThrowsWithOffsetAndSize()
    {
        using var buffer = Native.Alloc(32);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsRef<Sample>(24));

        Assert.Contains("24", error.Message, StringComparison.Ordinal);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AsRef_FreedBuffer_ThrowsUseAfterFree()
    {
        var buffer = Native.Alloc(16);
        buffer.Free();

        Assert.Throws<UseAfterFreeException>(() => buffer.AsRef<Sample>());
    }
}
