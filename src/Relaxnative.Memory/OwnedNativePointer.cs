using System.Globalization;
using System.Runtime.InteropServices;
using Relaxnative.Memory;

namespace Relaxnative;

/// <summary>
/// A pointer a native function returned together with the duty to free it (<c>BindOptions.Frees</c>): <see cref="Free"/>
/// or <see cref="Dispose"/> calls the library's own deallocator (<c>free</c>, <c>cJSON_Delete</c>, ...) exactly once.
/// Every use after that throws <see cref="UseAfterFreeException"/>; a second <see cref="Free"/> throws
/// <see cref="InvalidFreeException"/> (<see cref="MemoryException.Address"/>, <c>IsDoubleFree</c>).
/// </summary>
/// <remarks>
/// <para>The size of the memory is not known (<see cref="Size"/> is 0), so reads are not bounds-checked: read only what the
/// library documents. Passing the pointer to a native call leases it: a <see cref="Free"/> racing the call marks it freed
/// at once and releases the memory when the call returns.</para>
/// <para>There is no finalizer: an owned result that is never freed leaks, as in C. Free owned results before disposing the
/// module that returned them; afterwards the deallocator is gone, <see cref="Free"/> throws <see cref="ObjectDisposedException"/>
/// and <see cref="Dispose"/> leaves the memory. Thread-safe.</para>
/// </remarks>
public sealed unsafe class OwnedNativePointer : IDisposable
{
    // Lease count in the low bits, like NativeBuffer: exactly one party moves the state to "freed, no leases" and releases.
    private const long LeaseMask = (1L << 40) - 1;
    private const long ReleasedBit = 1L << 60;
    private const long FreedBit = 1L << 61;

    private readonly nint _address;
    private readonly delegate* unmanaged<nint, void> _free;
    private readonly Func<bool> _deallocatorAlive;
    private long _state;

    internal OwnedNativePointer(nint address, nint freeFunction, string freeFunctionName, Func<bool> deallocatorAlive)
    {
        if (address == 0)
        {
            MemoryErrors.ThrowNullPointer("own a NULL result");
        }

        _address = address;
        _free = (delegate* unmanaged<nint, void>)freeFunction;
        FreeFunction = freeFunctionName;
        _deallocatorAlive = deallocatorAlive;
    }

    /// <summary>The name of the deallocator <see cref="Free"/> calls, for example <c>free</c>.</summary>
    public string FreeFunction { get; }

    /// <summary>Size in bytes; always 0 (unknown): the function returned an address, not a length.</summary>
    public long Size => 0;

    /// <summary>Whether the pointer has been freed (or disposed). Never throws.</summary>
    public bool IsFreed => (Volatile.Read(ref _state) & FreedBit) != 0;

    /// <summary>The address.</summary>
    /// <exception cref="UseAfterFreeException">The pointer was freed.</exception>
    public nint Address
    {
        get
        {
            ThrowIfFreed("read the address of");
            return _address;
        }
    }

    /// <summary>Reads a value at <paramref name="byteOffset"/> (unaligned allowed; not bounds-checked, the size is unknown).</summary>
    /// <exception cref="UseAfterFreeException">The pointer was freed.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="byteOffset"/> is negative.</exception>
    public T Read<T>(long byteOffset = 0) where T : unmanaged
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteOffset);
        using var lease = new Lease(this, "read from");
        return System.Runtime.CompilerServices.Unsafe.ReadUnaligned<T>((void*)(_address + (nint)byteOffset));
    }

    /// <summary>Decodes the NUL-terminated UTF-8 string at the address (the memory stays owned).</summary>
    /// <exception cref="UseAfterFreeException">The pointer was freed.</exception>
    public string ReadCString()
    {
        using var lease = new Lease(this, "read a string from");
        return System.Text.Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)_address));
    }

    /// <summary>Calls the deallocator now (or, while a native call holds the pointer, when that call returns).</summary>
    /// <exception cref="InvalidFreeException">It was already freed (<c>IsDoubleFree</c> is true).</exception>
    /// <exception cref="ObjectDisposedException">The library providing the deallocator was closed; the memory leaks.</exception>
    public void Free()
    {
        if (!_deallocatorAlive())
        {
            MemoryErrors.ThrowOwnedLibraryClosed(_address, FreeFunction);
        }

        long previous = MarkFreed();
        if (previous < 0)
        {
            MemoryErrors.ThrowOwnedDoubleFree(_address, FreeFunction);
        }

        if ((previous & LeaseMask) == 0)
        {
            Release();
        }
    }

    /// <summary>Frees the memory if it is not freed yet; otherwise does nothing. Never throws (after the library closed it leaves the memory).</summary>
    public void Dispose()
    {
        if (!_deallocatorAlive())
        {
            MarkFreed();
            return;
        }

        long previous = MarkFreed();
        if (previous >= 0 && (previous & LeaseMask) == 0)
        {
            Release();
        }
    }

    /// <summary>Describes the pointer, e.g. <c>OwnedNativePointer(0x7f3a10, frees with free)</c>. Never throws.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"OwnedNativePointer({MemoryErrors.Hex(_address)}, frees with {FreeFunction}{(IsFreed ? ", freed" : "")})");

    /// <summary>Returns the address unchecked. The caller guarantees the pointer is not freed while the address is used.</summary>
    public nint DangerousGetAddress() => _address;

    /// <summary>Takes a lease for a native call: the memory is not released until <see cref="DangerousRelease"/>.</summary>
    /// <exception cref="UseAfterFreeException">The pointer was freed.</exception>
    internal void DangerousAddRef()
    {
        long state = Interlocked.Increment(ref _state);
        if ((state & FreedBit) != 0)
        {
            DangerousRelease();
            MemoryErrors.ThrowUseAfterFree("OwnedNativePointer", _address, 0, "pass to native code");
        }
    }

    /// <summary>Ends a lease; the last lease of a freed pointer releases the memory.</summary>
    internal void DangerousRelease()
    {
        long state = Interlocked.Decrement(ref _state);
        if (state == FreedBit)
        {
            Release();
        }
    }

    private void Release()
    {
        // Claim the release: "freed, no leases" moves to "released" once, whoever gets here first.
        if (Interlocked.CompareExchange(ref _state, FreedBit | ReleasedBit, FreedBit) == FreedBit && _deallocatorAlive())
        {
            _free(_address);
        }
    }

    private long MarkFreed() => LifetimeState.MarkFreed(ref _state, FreedBit);

    private void ThrowIfFreed(string operation)
    {
        if ((Volatile.Read(ref _state) & FreedBit) != 0)
        {
            MemoryErrors.ThrowUseAfterFree("OwnedNativePointer", _address, 0, operation);
        }
    }

    private readonly ref struct Lease
    {
        private readonly OwnedNativePointer _owner;

        public Lease(OwnedNativePointer owner, string operation)
        {
            owner.ThrowIfFreed(operation);
            owner.DangerousAddRef();
            _owner = owner;
        }

        public void Dispose() => _owner.DangerousRelease();
    }
}
