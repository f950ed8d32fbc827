namespace Relaxnative.Tests.Memory;

public class NativePointerTests
{
    [Fact]
    public void Constructor_Zero_ThrowsNullPointer()
    {
        var e = Assert.Throws<NullPointerException>(() => new NativePointer(0));
        Assert.Contains("NULL", e.Message);
        Assert.IsAssignableFrom<MemoryException>(e);
        Assert.IsAssignableFrom<InvalidOperationException>(e);
    }

    [Fact]
    public void Constructor_NegativeSize_ThrowsArgumentOutOfRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NativePointer(16, -1));

    [Fact]
    public void Constructor_Defaults_AreNativeOwnershipAndUnknownSize()
    {
        var pointer = new NativePointer(0x1000);
        Assert.Equal(0x1000, pointer.Address);
        Assert.Equal(0, pointer.Size);
        Assert.Equal(Ownership.Native, pointer.Ownership);
        Assert.Null(pointer.Owner);
        Assert.True(pointer.IsValid);
        Assert.Equal("NativePointer(0x1000, size unknown, Native)", pointer.ToString());
    }

    [Fact]
    public void SliceOfFreedOwner_EveryUse_ThrowsUseAfterFree()
    {
        var buffer = Native.Alloc(64);
        var slice = buffer.Slice(16, 16);
        var whole = buffer.AsPointer();
        buffer.Free();

        Assert.False(slice.IsValid);
        foreach (var pointer in new[] { slice, whole })
        {
            Assert.Throws<UseAfterFreeException>(() => pointer.Address);
            Assert.Throws<UseAfterFreeException>(() => pointer.AsSpan<byte>(1));
            Assert.Throws<UseAfterFreeException>(() => pointer.Read<int>());
            Assert.Throws<UseAfterFreeException>(() => pointer.Write(0, 1));
            Assert.Throws<UseAfterFreeException>(() => pointer.ReadCString());
            Assert.Throws<UseAfterFreeException>(() => pointer.Offset(1));
        }

        Assert.Contains("owner freed", slice.ToString());
        Assert.Equal(0, buffer.LeaseCount);
    }

    [Fact]
    public void Offset_KnownSize_ShrinksAndStaysTied()
    {
        using var buffer = Native.Alloc(64);
        var pointer = buffer.AsPointer().Offset(60);
        Assert.Equal(4, pointer.Size);
        Assert.Same(buffer, pointer.Owner);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.AsPointer().Offset(65));
        Assert.Throws<ArgumentOutOfRangeException>(() => pointer.Read<long>());
    }

    [Fact]
    public void Offset_UnknownSize_MovesFreely()
    {
        var pointer = new NativePointer(0x1000).Offset(0x20);
        Assert.Equal(0x1020, pointer.Address);
        Assert.Equal(0, pointer.Size);
        Assert.Throws<NullPointerException>(() => new NativePointer(0x10).Offset(-0x10));
    }

    [Fact]
    public void AsSpan_KnownSize_IsBoundsChecked()
    {
        using var buffer = Native.Alloc(16);
        var pointer = buffer.Slice(0, 8);
        Assert.Equal(2, pointer.AsSpan<int>(2).Length);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => pointer.AsSpan<int>(3));
        Assert.Contains("length = 12", e.Message);
        Assert.Contains("8 bytes", e.Message);
        Assert.Throws<ArgumentException>(() => pointer.Offset(2).AsSpan<int>(1));
    }

    [Fact]
    public void AsSpan_UnknownSize_TrustsTheLength()
    {
        using var buffer = Native.Alloc(16);
        var pointer = new NativePointer(buffer.Address);
        pointer.AsSpan<int>(4)[3] = 9;
        Assert.Equal(9, buffer.Read<int>(12));
        Assert.Throws<ArgumentOutOfRangeException>(() => pointer.AsSpan<int>(-1));
    }

    [Fact]
    public void ReadCString_UnknownSize_ReadsToNul()
    {
        using var buffer = Native.Alloc(16);
        buffer.Write("native\0"u8);
        Assert.Equal("native", new NativePointer(buffer.Address).ReadCString());
        Assert.Equal("ative", buffer.Slice(1, 15).ReadCString());
    }

    [Fact]
    public void Equality_ComparesAddresses()
    {
        Assert.Equal(new NativePointer(0x40), new NativePointer(0x40, 8, Ownership.Borrowed));
        Assert.NotEqual(new NativePointer(0x40), new NativePointer(0x48));
        Assert.Equal(new NativePointer(0x40).GetHashCode(), new NativePointer(0x40, 4).GetHashCode());
    }

    [Fact]
    public void Remote_ReadOrWrite_ThrowsInvalidOperationNamingOrigin()
    {
        var remote = NativePointer.Remote(0x7000, "helper of libkernel.so");
        Assert.True(remote.IsRemote);
        Assert.Equal(0x7000, remote.Address);
        var e = Assert.Throws<InvalidOperationException>(() => remote.Read<int>());
        Assert.Contains("helper of libkernel.so", e.Message);
        Assert.Throws<InvalidOperationException>(() => remote.Write(0, 1));
        Assert.Throws<InvalidOperationException>(() => remote.AsSpan<byte>(1));
        Assert.Throws<InvalidOperationException>(() => remote.ReadCString());
        Assert.Contains("remote", remote.ToString());
        Assert.Throws<NullPointerException>(() => NativePointer.Remote(0, "x"));
    }
}
