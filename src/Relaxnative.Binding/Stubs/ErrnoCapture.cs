using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Relaxnative.Binding;

/// <summary>
/// Reads C's <c>errno</c> for stubs of functions bound with <see cref="BindOptions.CaptureErrno"/>, right after the
/// native call. The read comes before anything else, a thread-static access included: the first access to a
/// thread-static on a thread allocates its storage, which can itself change errno.
/// </summary>
internal static unsafe class ErrnoCapture
{
    // __errno_location (glibc, musl) or __error (Apple) returns the calling thread's errno address; called without the
    // GC transition, as it only returns an address. Marshal.GetLastSystemError is a P/Invoke with the full transition,
    // about 12 ns per call on the reference machine (ErrnoBenchmarks.Direct_Add_GetLastSystemError).
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<int*> s_location = Find();

    /// <summary>Makes sure the errno function is found before a stub first runs (the static constructor may change errno).</summary>
    internal static void EnsureReady() => RuntimeHelpers.RunClassConstructor(typeof(ErrnoCapture).TypeHandle);

    /// <summary>
    /// Reads errno; emitted right after the call instruction (inlined there), stored either into the caller's
    /// <c>out int</c> or into the thread-static behind <see cref="NativeFunction.LastErrno"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Read() => s_location is not null ? *s_location() : Marshal.GetLastSystemError();

    private static delegate* unmanaged[Cdecl, SuppressGCTransition]<int*> Find()
    {
        string name = OperatingSystem.IsLinux() ? "__errno_location" : OperatingSystem.IsMacOS() ? "__error" : "";
        return name.Length > 0 && NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), name, out nint address)
            ? (delegate* unmanaged[Cdecl, SuppressGCTransition]<int*>)address
            : null;
    }
}
