namespace Relaxnative.Tests.Memory;

public class NativeBufferFreeTests
{
    [Fact]
    public void Free_CalledTwice_ThrowsInvalidFreeNamingAddressAndSize()
    {
        var buffer = Native.Alloc(64);
        nint address = buffer.Address;
        buffer.Free();

        var e = Assert.Throws<InvalidFreeException>(buffer.Free);
        Assert.True(e.IsDoubleFree);
        Assert.Equal(address, e.Address);
        Assert.Equal(64, e.Size);
        Assert.Contains("0x" + address.ToString("x", System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Contains("already freed", e.Message);
    }

    [Fact]
    public void NativeFree_Buffer_SameAsBufferFree()
    {
        var buffer = Native.Alloc(16);
        Native.Free(buffer);
        Assert.True(buffer.IsFreed);
        Assert.Throws<InvalidFreeException>(() => Native.Free(buffer));
    }

    [Theory]
    [InlineData(Ownership.Native)]
    [InlineData(Ownership.Borrowed)]
    public void Free_NotManaged_ThrowsInvalidFree(Ownership ownership)
    {
        using var backing = Native.Alloc(32);
        var wrapped = NativeBuffer.DangerousWrap(backing.Address, 32, ownership);

        var e = Assert.Throws<InvalidFreeException>(wrapped.Free);
        Assert.False(e.IsDoubleFree);
        Assert.Equal(backing.Address, e.Address);
        Assert.Contains(ownership.ToString(), e.Message);
        Assert.False(backing.IsFreed);
    }

    [Fact]
    public void NativeFree_Pointer_AlwaysThrowsInvalidFree()
    {
        using var buffer = Native.Alloc(32);
        Assert.Throws<InvalidFreeException>(() => Native.Free(new NativePointer(buffer.Address, 32)));
        Assert.Throws<InvalidFreeException>(() => Native.Free(buffer.AsPointer()));
        Assert.Throws<InvalidFreeException>(() => Native.Free(new NativePointer(buffer.Address, 32, Ownership.Managed)));
        Assert.False(buffer.IsFreed);
    }

    [Fact]
    public void Dispose_CalledTwice_DoesNothingTheSecondTime()
    {
        var buffer = Native.Alloc(64);
        buffer.Dispose();
        buffer.Dispose();
        Assert.True(buffer.IsFreed);
    }

    [Fact]
    public void Dispose_AfterFree_DoesNothing()
    {
        var buffer = Native.Alloc(64);
        buffer.Free();
        buffer.Dispose();
        Assert.True(buffer.IsFreed);
    }

    [Fact]
    public void Free_AfterDispose_ThrowsInvalidFree()
    {
        var buffer = Native.Alloc(64);
        buffer.Dispose();
        Assert.Throws<InvalidFreeException>(buffer.Free);
    }

    [Fact]
    public void Dispose_WrappedBuffer_EndsUseWithoutFreeingTheMemory()
    {
        using var backing = Native.Alloc(8);
        backing.Write(0, 1234L);
        var wrapped = NativeBuffer.DangerousWrap(backing.Address, 8, Ownership.Native);
        Assert.Equal(1234L, wrapped.Read<long>(0));

        wrapped.Dispose();
        Assert.Throws<UseAfterFreeException>(() => wrapped.Read<long>(0));
        Assert.Equal(1234L, backing.Read<long>(0));
    }

    [Fact]
    public void DangerousWrap_BadArguments_Throw()
    {
        Assert.Throws<NullPointerException>(() => NativeBuffer.DangerousWrap(0, 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeBuffer.DangerousWrap(16, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => NativeBuffer.DangerousWrap(16, 8, Ownership.Managed));
    }

    public static TheoryData<string> AccessorNames => [.. AfterFreeAccessors.Keys];

    private static readonly Dictionary<string, Action<NativeBuffer>> AfterFreeAccessors = new()
    {
        ["Address"] = b => _ = b.Address,
        ["Size"] = b => _ = b.Size,
        ["AsSpan()"] = b => b.AsSpan(),
        ["AsSpan<int>"] = b => b.AsSpan<int>(),
        ["AsSpan<double>(8, 2)"] = b => b.AsSpan<double>(8, 2),
        ["Read<int>"] = b => b.Read<int>(0),
        ["Write<int>"] = b => b.Write(0, 1),
        ["Write(span)"] = b => b.Write([1, 2, 3]),
        ["ToArray"] = b => b.ToArray(),
        ["Slice"] = b => b.Slice(0, 8),
        ["AsPointer"] = b => b.AsPointer(),
        ["ReadCString"] = b => b.ReadCString(),
        ["Lease"] = b => b.Lease(),
        ["DangerousAddRef"] = b => b.DangerousAddRef(),
    };

    [Theory]
    [MemberData(nameof(AccessorNames))]
    public void Accessor_AfterFree_ThrowsUseAfterFree(string accessor)
    {
        var buffer = Native.Alloc(64);
        nint address = buffer.Address;
        buffer.Free();

        var e = Assert.Throws<UseAfterFreeException>(() => AfterFreeAccessors[accessor](buffer));
        Assert.Equal(address, e.Address);
        Assert.Equal(64, e.Size);
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Theory]
    [MemberData(nameof(AccessorNames))]
    public void Accessor_AfterDispose_ThrowsUseAfterFree(string accessor)
    {
        var buffer = Native.Alloc(64);
        buffer.Dispose();
        Assert.Throws<UseAfterFreeException>(() => AfterFreeAccessors[accessor](buffer));
    }
}
