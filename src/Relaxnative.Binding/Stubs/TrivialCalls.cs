using System.Runtime.CompilerServices;

namespace Relaxnative.Binding;

/// <summary>
/// Calls without the GC transition, for functions marked trivial (<c>@trivial</c>). The runtime only honours
/// <c>SuppressGCTransition</c> on a compiled <c>delegate* unmanaged[Cdecl, SuppressGCTransition]</c> call site, which
/// emitted IL cannot express, so these fixed shapes exist: up to six integer-class arguments (integers of any width
/// and pointers, passed widened to 64 bits, as the SysV and Win64 ABIs allow), returning nothing or an integer-class
/// value (only the low bytes of the return register are read). Other shapes keep the normal transition.
/// </summary>
internal static unsafe class TrivialCalls
{
    internal const int MaxArguments = 6;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call0(nint function) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long>)function)();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid0(nint function) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<void>)function)();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call1(nint function, long a0) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long>)function)(a0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid1(nint function, long a0) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, void>)function)(a0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call2(nint function, long a0, long a1) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long>)function)(a0, a1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid2(nint function, long a0, long a1) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, void>)function)(a0, a1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call3(nint function, long a0, long a1, long a2) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long>)function)(a0, a1, a2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid3(nint function, long a0, long a1, long a2) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, void>)function)(a0, a1, a2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call4(nint function, long a0, long a1, long a2, long a3) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, long>)function)(a0, a1, a2, a3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid4(nint function, long a0, long a1, long a2, long a3) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, void>)function)(a0, a1, a2, a3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call5(nint function, long a0, long a1, long a2, long a3, long a4) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, long, long>)function)(a0, a1, a2, a3, a4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid5(nint function, long a0, long a1, long a2, long a3, long a4) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, long, void>)function)(a0, a1, a2, a3, a4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long Call6(nint function, long a0, long a1, long a2, long a3, long a4, long a5) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, long, long, long>)function)(a0, a1, a2, a3, a4, a5);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void CallVoid6(nint function, long a0, long a1, long a2, long a3, long a4, long a5) =>
        ((delegate* unmanaged[Cdecl, SuppressGCTransition]<long, long, long, long, long, long, void>)function)(a0, a1, a2, a3, a4, a5);
}
