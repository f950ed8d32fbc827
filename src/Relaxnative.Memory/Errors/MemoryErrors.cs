using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Relaxnative.Memory;

/// <summary>
/// Every message of the Memory room, in one place. Throw helpers keep the hot accessors small: the JIT
/// does not inline a method that contains a <c>throw</c>, so each check calls one of these instead.
/// </summary>
internal static class MemoryErrors
{
    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    internal static string Hex(nint address) => "0x" + address.ToString("x", CultureInfo.InvariantCulture);

    internal static string Describe(string what, nint address, long size) =>
        Invariant($"{what} {Hex(address)} ({size} bytes)");

    [DoesNotReturn]
    internal static void ThrowUseAfterFree(string what, nint address, long size, string operation) =>
        throw new UseAfterFreeException(
            $"Cannot {operation}: {Describe(what, address, size)} was freed. " +
            "Keep the buffer alive (do not Free or Dispose it) until every use, including native calls, has finished.")
        { Address = address, Size = size };

    [DoesNotReturn]
    internal static void ThrowOwnerFreed(nint address, long size, NativeBuffer owner, string operation) =>
        throw new UseAfterFreeException(
            $"Cannot {operation} {Describe("NativePointer", address, size)}: the buffer it points into, {owner}, was freed. " +
            "A slice or pointer of a buffer is valid only while the buffer is; keep the buffer alive until you are done with it.")
        { Address = address, Size = size };

    [DoesNotReturn]
    internal static void ThrowDoubleFree(nint address, long size) =>
        throw new InvalidFreeException(
            $"Cannot free {Describe("NativeBuffer", address, size)}: it was already freed. " +
            "Dispose() is idempotent; Free() is not.")
        { Address = address, Size = size, IsDoubleFree = true };

    [DoesNotReturn]
    internal static void ThrowOwnedDoubleFree(nint address, string freeFunction) =>
        throw new InvalidFreeException(
            $"Cannot free OwnedNativePointer {Hex(address)} with '{freeFunction}': it was already freed. " +
            "Dispose() is idempotent; Free() is not. Calling the library's free function twice corrupts its heap.")
        { Address = address, IsDoubleFree = true };

    [DoesNotReturn]
    internal static void ThrowOwnedLibraryClosed(nint address, string freeFunction) =>
        throw new ObjectDisposedException("OwnedNativePointer",
            $"Cannot free OwnedNativePointer {Hex(address)} with '{freeFunction}': the library that provides '{freeFunction}' was closed, " +
            "so the memory can no longer be released (it leaks). Free or dispose owned results before disposing their module.");

    [DoesNotReturn]
    internal static void ThrowForeignFree(string what, nint address, long size, Ownership ownership) =>
        throw new InvalidFreeException(
            $"Cannot free {Describe(what, address, size)}: its ownership is {ownership}, so Relaxnative did not " +
            "allocate it and does not know its allocator. Release it with the deallocator of the library that " +
            "returned it (for example libc 'free' for 'strdup').")
        { Address = address, Size = size };

    [DoesNotReturn]
    internal static void ThrowUnpairedRelease(NativeBuffer buffer, int leaseCount) =>
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{buffer} has no lease taken by DangerousAddRef to release ({leaseCount} lease(s) held through Lease(), which end only when disposed). ") +
            "Call DangerousRelease once per successful DangerousAddRef; end a Lease() by disposing it.");

    [DoesNotReturn]
    internal static void ThrowNullPointer(string operation) =>
        throw new NullPointerException(
            $"Cannot {operation}: the address is 0 (NULL). A native function returning NULL gives a null " +
            "NativePointer reference; check for null before using it.");

    [DoesNotReturn]
    internal static void ThrowOutOfRange(string paramName, string what, nint address, long size, long offset, long length) =>
        throw new ArgumentOutOfRangeException(paramName,
            Invariant($"The range offset = {offset}, length = {length} (bytes) does not fit {Describe(what, address, size)}. ") +
            "Offsets are counted in bytes from the start; the range must end at or before the size.");

    [DoesNotReturn]
    internal static void ThrowMisaligned(string what, nint address, long offset, string typeName, int alignment) =>
        throw new ArgumentException(
            Invariant($"Cannot view {what} {Hex(address)} at offset {offset} as {typeName}: address {Hex(address + (nint)offset)} ") +
            Invariant($"is not aligned to {alignment} bytes. Use an offset that is a multiple of {alignment}, or Read<T>/Write<T>, ") +
            "which accept unaligned offsets.", "offset");

    [DoesNotReturn]
    internal static void ThrowViewTooLong(string what, nint address, long size, long offset, string typeName) =>
        throw new ArgumentOutOfRangeException("length",
            Invariant($"The view of {Describe(what, address, size)} from offset {offset} as {typeName} holds more than ") +
            "int.MaxValue elements, the most a Span can hold. Pass a length, or view a smaller slice.");

    [DoesNotReturn]
    internal static void ThrowSizeNotPositive(long size) =>
        throw new ArgumentOutOfRangeException(nameof(size), size,
            Invariant($"Cannot allocate {size} bytes: the size must be greater than 0."));

    [DoesNotReturn]
    internal static void ThrowBadAlignment(int alignment) =>
        throw new ArgumentOutOfRangeException("options", alignment,
            Invariant($"Alignment {alignment} is not supported: use a power of two from 1 to {Heap.NativeHeap.MaxAlignment} bytes."));

    [DoesNotReturn]
    internal static void ThrowOutOfMemory(long size, int alignment, Exception inner) =>
        throw new OutOfMemoryException(
            Invariant($"Cannot allocate {size} bytes (alignment {alignment}): the native allocator returned NULL. ") +
            "Free buffers you no longer need (Native.Stats shows what is live), or allocate less.", inner);

    internal static BufferOverrunException Overrun(nint address, long size, GuardSide side, long offset)
    {
        string where = side == GuardSide.After ? "after" : "before";
        string direction = side == GuardSide.After ? "past the end" : "before the start";
        return new BufferOverrunException(
            Invariant($"Guard bytes {where} {Describe("NativeBuffer", address, size)} were overwritten; the first damaged offset is {offset}. ") +
            $"Something wrote {direction} of the buffer: check the length passed to native code. The memory has been released.")
        { Address = address, Size = size, Side = side, Offset = offset };
    }
}
