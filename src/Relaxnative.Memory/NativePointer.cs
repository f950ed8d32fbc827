using System.Globalization;
using System.Runtime.CompilerServices;
using Relaxnative.Memory;

namespace Relaxnative;

/// <summary>
/// A non-owning pointer: an address, an optional size, and who owns the memory. Relaxnative never frees through a
/// <see cref="NativePointer"/> (<c>Native.Free(pointer)</c> always throws <see cref="InvalidFreeException"/>).
/// A pointer made by <see cref="NativeBuffer.Slice"/> or <see cref="NativeBuffer.AsPointer"/> is tied to its
/// <see cref="Owner"/>: once the owner is freed, every use throws <see cref="UseAfterFreeException"/>.
/// Immutable; thread-safe. Equality compares addresses.
/// </summary>
public sealed unsafe class NativePointer : IEquatable<NativePointer>
{
    private readonly nint _address;

    /// <summary>Wraps a raw address, for example one returned by native code.</summary>
    /// <param name="address">The address; not 0.</param>
    /// <param name="size">Size in bytes when known, else 0 (unknown: views need an explicit length and are not bounds-checked).</param>
    /// <param name="ownership">Who owns the memory; <see cref="Ownership.Native"/> by default.</param>
    /// <exception cref="NullPointerException"><paramref name="address"/> is 0.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public NativePointer(nint address, long size = 0, Ownership ownership = Ownership.Native)
    {
        if (address == 0)
        {
            MemoryErrors.ThrowNullPointer("create a NativePointer");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        _address = address;
        Size = size;
        Ownership = ownership;
    }

    private NativePointer(nint address, string origin)
    {
        _address = address;
        Ownership = Ownership.Native;
        RemoteOrigin = origin;
    }

    /// <summary>
    /// A handle to memory in another process (a pointer returned by a function that ran in a helper process). It can be
    /// passed back to the same module; reading or writing it here throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <param name="address">The address in the other process; not 0.</param>
    /// <param name="origin">
    /// Which process it belongs to, readable and unique: process isolation uses the helper's generation, pid and
    /// module (<c>helper generation 2 (pid 4242) of module #3 (/cache/libk.so)</c>) and accepts the pointer back only
    /// from that module while that same helper runs.
    /// </param>
    /// <exception cref="NullPointerException"><paramref name="address"/> is 0.</exception>
    public static NativePointer Remote(nint address, string origin)
    {
        if (address == 0)
        {
            MemoryErrors.ThrowNullPointer("create a remote NativePointer");
        }

        ArgumentNullException.ThrowIfNull(origin);
        return new NativePointer(address, origin);
    }

    /// <summary>Whether this pointer is a handle into another process (see <see cref="Remote"/>).</summary>
    public bool IsRemote => RemoteOrigin is not null;

    /// <summary>For a remote pointer, where it lives; otherwise null.</summary>
    public string? RemoteOrigin { get; }

    internal NativePointer(NativeBuffer owner, nint address, long size)
    {
        _address = address;
        Size = size;
        Ownership = Ownership.Borrowed;
        Owner = owner;
    }

    /// <summary>The address.</summary>
    /// <exception cref="UseAfterFreeException">The pointer is tied to a buffer that was freed.</exception>
    public nint Address
    {
        get
        {
            ThrowIfOwnerFreed("read the address of");
            return _address;
        }
    }

    /// <summary>Size in bytes of the memory it points to; 0 when unknown.</summary>
    public long Size { get; }

    /// <summary>Who owns the memory. Pointers tied to a buffer are <see cref="Ownership.Borrowed"/>.</summary>
    public Ownership Ownership { get; }

    /// <summary>The buffer this pointer is tied to, or <see langword="null"/> for a free-standing pointer.</summary>
    public NativeBuffer? Owner { get; }

    /// <summary><see langword="false"/> once the owner has been freed. Never throws.</summary>
    public bool IsValid => Owner is null || !Owner.IsFreed;

    /// <summary>
    /// A pointer <paramref name="byteOffset"/> bytes further on, tied to the same owner. With a known size the
    /// offset must stay inside (0 to Size) and the new pointer's size is what remains.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The offset leaves the known size.</exception>
    /// <exception cref="NullPointerException">The result would be address 0.</exception>
    public NativePointer Offset(long byteOffset)
    {
        ThrowIfOwnerFreed("offset");
        long size = 0;
        if (Size > 0)
        {
            if ((ulong)byteOffset > (ulong)Size)
            {
                MemoryErrors.ThrowOutOfRange(nameof(byteOffset), "NativePointer", _address, Size, byteOffset, 0);
            }

            size = Size - byteOffset;
        }

        nint address = _address + (nint)byteOffset;
        if (RemoteOrigin is not null)
        {
            // Still memory of the other process: it keeps its origin, so it is accepted and refused exactly where its base is.
            return new NativePointer(address, RemoteOrigin);
        }

        if (Owner is not null)
        {
            return new NativePointer(Owner, address, size);
        }

        return new NativePointer(address, size, Ownership);
    }

    /// <summary>
    /// A typed view of <paramref name="length"/> elements. Bounds-checked against <see cref="Size"/> when it is known;
    /// with an unknown size the caller vouches for the length. Not leased.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The view exceeds the known size, or the length is negative.</exception>
    /// <exception cref="ArgumentException">The address is not aligned for <typeparamref name="T"/>.</exception>
    public Span<T> AsSpan<T>(int length) where T : unmanaged
    {
        ThrowIfRemote();
        ThrowIfOwnerFreed("view");
        return MemoryViews.Span<T>("NativePointer", _address, Size > 0 ? Size : -1, 0, length);
    }

    /// <summary>
    /// A reference to the <typeparamref name="T"/> the pointer points to. Checked against the known size (when there is
    /// one) and <typeparamref name="T"/>'s alignment; not leased: do not keep it past the owner's lifetime.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value exceeds the known size.</exception>
    /// <exception cref="ArgumentException">The address is not aligned for <typeparamref name="T"/>.</exception>
    public ref T AsRef<T>() where T : unmanaged
    {
        ThrowIfRemote();
        ThrowIfOwnerFreed("view");
        return ref MemoryRefs.At<T>("NativePointer", _address, Size > 0 ? Size : -1, 0);
    }

    /// <summary>
    /// Reads a <typeparamref name="T"/> at <paramref name="offset"/> bytes (unaligned allowed). Safe against a concurrent
    /// free of the owner, like <see cref="NativeBuffer.Read{T}"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit in the known size.</exception>
    public T Read<T>(long offset = 0) where T : unmanaged
    {
        ThrowIfRemote();
        CheckRange(offset, sizeof(T));
        var access = BeginOwnerAccess("read from");
        T value = Unsafe.ReadUnaligned<T>((void*)(_address + (nint)offset));
        NativeBuffer.EndOwnerAccess(access);
        return value;
    }

    /// <summary>
    /// Writes <paramref name="value"/> at <paramref name="offset"/> bytes (unaligned allowed). Safe against a concurrent
    /// free of the owner, like <see cref="NativeBuffer.Write{T}"/>.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The value does not fit in the known size.</exception>
    public void Write<T>(long offset, T value) where T : unmanaged
    {
        ThrowIfRemote();
        CheckRange(offset, sizeof(T));
        var access = BeginOwnerAccess("write to");
        Unsafe.WriteUnaligned((void*)(_address + (nint)offset), value);
        NativeBuffer.EndOwnerAccess(access);
    }

    /// <summary>
    /// Decodes the NUL-terminated UTF-8 string at this address. With a known size the search stops at the end
    /// (an unterminated string ends there); with an unknown size it reads up to the NUL, as C does.
    /// </summary>
    /// <exception cref="UseAfterFreeException">The owner was freed.</exception>
    public string ReadCString()
    {
        ThrowIfRemote();
        var access = BeginOwnerAccess("read a string from");
        try
        {
            return MemoryViews.DecodeCString((byte*)_address, Size > 0 ? Size : -1);
        }
        finally
        {
            NativeBuffer.EndOwnerAccess(access);
        }
    }

    /// <summary>Describes the pointer, e.g. <c>NativePointer(0x7f3a10, 64 bytes, Native)</c>. Never throws.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture,
            $"NativePointer({MemoryErrors.Hex(_address)}, {(Size > 0 ? $"{Size} bytes" : "size unknown")}, {Ownership}{(IsRemote ? ", remote" : "")}{(IsValid ? "" : ", owner freed")})");

    /// <inheritdoc/>
    public bool Equals(NativePointer? other) => other is not null && other._address == _address;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as NativePointer);

    /// <inheritdoc/>
    public override int GetHashCode() => _address.GetHashCode();

    /// <summary>The address with no owner check, for callers that hold a lease on the owner.</summary>
    public nint DangerousGetAddress() => _address;

    // A tied pointer accesses its owner's memory the way the owner's own accessors do (see NativeBuffer.Access.cs);
    // a free-standing pointer has nothing to check (null).
    private Memory.Heap.ThreadCell? BeginOwnerAccess(string operation)
    {
        if (Owner is null)
        {
            return null;
        }

        var access = Owner.TryBeginOwnerAccess();
        if (access is null)
        {
            MemoryErrors.ThrowOwnerFreed(_address, Size, Owner, operation);
        }

        return access;
    }

    private void ThrowIfRemote()
    {
        if (RemoteOrigin is not null)
        {
            throw new InvalidOperationException(
                $"{this} is a handle into another process ({RemoteOrigin}); its memory cannot be read or written here. " +
                "Pass it back to functions of the same module, or copy the data into a buffer there.");
        }
    }

    private void ThrowIfOwnerFreed(string operation)
    {
        if (Owner is not null && Owner.IsFreed)
        {
            MemoryErrors.ThrowOwnerFreed(_address, Size, Owner, operation);
        }
    }

    private void CheckRange(long offset, long length)
    {
        if (Size > 0 && ((ulong)offset > (ulong)Size || (ulong)length > (ulong)(Size - offset)))
        {
            MemoryErrors.ThrowOutOfRange(nameof(offset), "NativePointer", _address, Size, offset, length);
        }
    }
}
