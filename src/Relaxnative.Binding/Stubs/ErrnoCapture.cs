using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// One thread's errno capture: where C's <c>errno</c> lives on this thread, and the value the last capturing call left.
/// </summary>
internal unsafe struct ErrnoSlot
{
    /// <summary>The value behind <see cref="NativeFunction.LastErrno"/>.</summary>
    internal int Value;

    /// <summary>This thread's errno, as <c>__errno_location</c> returned it; null until the first capturing call.</summary>
    internal int* Location;
}

/// <summary>
/// Reads C's <c>errno</c> for stubs of functions bound with <see cref="BindOptions.CaptureErrno"/>, right after the
/// native call. For <see cref="NativeFunction.LastErrno"/>, everything that can itself change errno happens before the
/// call: the thread-static access (whose first use on a thread allocates its storage) and the lookup of the errno
/// address. After the call there is one load through the saved address and one store, with no call in between.
/// </summary>
/// <remarks>Thread safety: all state is per thread; errno's address is fixed for a thread's lifetime.</remarks>
internal static unsafe class ErrnoCapture
{
    // __errno_location (glibc, musl) or __error (Apple) returns the calling thread's errno address; called without the
    // GC transition, as it only returns an address, and once per thread. Marshal.GetLastSystemError is the fallback
    // where neither exists.
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<int*> s_location = Find();

    [ThreadStatic]
    private static ErrnoSlot t_slot;

    /// <summary>The value behind <see cref="NativeFunction.LastErrno"/> on this thread.</summary>
    internal static int Last
    {
        get => t_slot.Value;
        set => t_slot.Value = value;
    }

    /// <summary>Makes sure the errno function is found before a stub first runs (the static constructor may change errno).</summary>
    internal static void EnsureReady() => RuntimeHelpers.RunClassConstructor(typeof(ErrnoCapture).TypeHandle);

    /// <summary>
    /// This thread's slot with its errno address filled in; emitted before the native call, so that the thread-static
    /// access and the address lookup cannot disturb the errno read after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ref ErrnoSlot Slot()
    {
        ref ErrnoSlot slot = ref t_slot;
        if (s_location is not null && slot.Location is null)
        {
            Locate(ref slot);
        }

        return ref slot;
    }

    /// <summary>
    /// Reads errno through <paramref name="slot"/> into <see cref="NativeFunction.LastErrno"/>; emitted right after the
    /// call. <c>s_location</c> is a constant to the JIT once the class is initialized, so this is one load through the
    /// saved address and one store.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Store(ref ErrnoSlot slot) =>
        slot.Value = s_location is not null ? *slot.Location : Marshal.GetLastSystemError();

    /// <summary>
    /// Reads errno by calling <c>__errno_location</c>; emitted right after the call when the caller's own <c>out int</c>
    /// receives it. With no thread-static to store into, this call costs less than the thread-static access that
    /// <see cref="Slot"/> would add before the call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Read() => s_location is not null ? *s_location() : Marshal.GetLastSystemError();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Locate(ref ErrnoSlot slot) => slot.Location = s_location();

    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<int*> Find()
    {
        string name = OperatingSystem.IsLinux() ? "__errno_location" : OperatingSystem.IsMacOS() ? "__error" : "";
        return name.Length > 0 && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out nint address)
            ? (delegate* unmanaged[Cdecl, SuppressGCTransition]<int*>)address
            : null;
    }
}
