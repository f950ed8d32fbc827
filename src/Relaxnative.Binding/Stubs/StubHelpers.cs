using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Relaxnative.Memory.Heap;

namespace Relaxnative.Binding;

/// <summary>
/// What an emitted typed stub is closed over. <see cref="Address"/> is set to 0 when the library closes, so the stub's
/// disposed check is the load of the address it needs anyway (CallBenchmarks.Trivial_Add).
/// </summary>
internal sealed partial class StubTarget(NativeLibraryHandle library, nint address, CallPlan plan)
{
    internal readonly NativeLibraryHandle Library = library;
    internal readonly string Name = plan.Signature.Name;

    // Stubs are shared by functions of the same shape; the plan names this function's parameters in errors.
    internal readonly CallPlan Plan = plan;
    internal nint Address = address;
}

/// <summary>Small methods emitted stubs call; kept out of line so stubs stay short.</summary>
internal static unsafe class StubHelpers
{
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    internal static void ThrowDisposed(StubTarget target) =>
        BindingErrors.ThrowDisposed($"The library '{target.Library.Path}' of '{target.Name}'");

    /// <summary>Pins (or leases) <paramref name="buffer"/> for the call on this thread; null passes NULL.</summary>
    internal static nint Pin(NativeBuffer? buffer, ref ThreadCell? cell, out bool leased)
    {
        if (buffer is null)
        {
            leased = false;
            return 0;
        }

        return buffer.PinForCall(ref cell, out leased);
    }

    /// <summary>Ends what <see cref="Pin"/> or <see cref="PinPointer"/> took; null (nothing taken) does nothing.</summary>
    internal static void Unpin(NativeBuffer? pinned, ThreadCell? cell, bool leased) => pinned?.EndCall(cell, leased);

    /// <summary>A pointer's address, pinning its owner if it has one; null passes NULL; a remote pointer is refused.</summary>
    internal static nint PinPointer(NativePointer? pointer, StubTarget target, int index, ref ThreadCell? cell, out bool leased)
    {
        if (pointer is null)
        {
            leased = false;
            return 0;
        }

        return ArgumentConverter.PinnedAddressOf(target.Name, target.Plan.Parameters[index], pointer, ref cell, out leased);
    }

    /// <summary>A NUL-terminated UTF-8 copy of a string argument (null passes NULL); an embedded NUL is refused.</summary>
    internal static nint Utf8Argument(string? text, StubTarget target, int index)
    {
        if (text is null)
        {
            return 0;
        }

        var plan = target.Plan.Parameters[index];
        if (plan.Text != TextForm.None)
        {
            return NativeText.Allocate(target.Name, plan, text);
        }

        BindingErrors.ThrowIfEmbeddedNul(target.Name, plan.Parameter!, text);
        return Utf8(text);
    }

    /// <summary>The byte size of a typed stub's buffer argument (NativeBuffer, sized NativePointer, array, string); -1 when unknown.</summary>
    internal static long CapacityOf(object? value) => BoundsCheck.CapacityOf(value);

    /// <summary>Refuses the call when pair <paramref name="pair"/>'s buffer of <paramref name="capacity"/> bytes is smaller than <paramref name="count"/> asks.</summary>
    internal static void CheckBounds(StubTarget target, int pair, long capacity, ulong count) =>
        target.Plan.Bounds!.Check(target.Plan, pair, capacity, count);

    internal static NativeBuffer? OwnerOf(NativePointer? pointer) => pointer?.Owner;

    internal static ref T ArrayRef<T>(T[]? array) where T : unmanaged =>
        ref array is null ? ref Unsafe.NullRef<T>() : ref MemoryMarshal.GetArrayDataReference(array);

    internal static nint Utf8(string? text)
    {
        if (text is null)
        {
            return 0;
        }

        int byteCount = Encoding.UTF8.GetByteCount(text);
        var memory = (byte*)NativeMemory.Alloc((nuint)byteCount + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(memory, byteCount));
        memory[byteCount] = 0;
        return (nint)memory;
    }

    internal static void FreeTemp(nint memory) => NativeMemory.Free((void*)memory);

    internal static nint CallbackPointer(NativeCallback? callback, StubTarget target, int index) =>
        callback?.PointerFor(target.Plan.Signature.Name, target.Plan.Parameters[index]) ?? 0;

    internal static NativePointer? ToPointer(nint address) => address == 0 ? null : new NativePointer(address);

    /// <summary>A string result in the encoding the function's plan gives (UTF-8 <c>char*</c>, wide types, <see cref="StringEncoding"/>).</summary>
    internal static string? ToText(nint address, StubTarget target) =>
        target.Plan.Return.Frees is { } frees ? (string?)frees.ToObject(target.Plan.Return, address, target.Name)
        : target.Plan.Return.Text == TextForm.None ? ToCString(address) : NativeText.Decode(target.Plan.Return, address, target.Name);

    /// <summary>An owned result (<see cref="BindOptions.Frees"/>) as its owning pointer.</summary>
    internal static OwnedNativePointer? ToOwned(nint address, StubTarget target) => target.Plan.Return.Frees!.Own(address);

    internal static string? ToCString(nint address) =>
        address == 0 ? null : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)address));
}
