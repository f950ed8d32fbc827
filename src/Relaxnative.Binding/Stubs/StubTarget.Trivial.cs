using System.Runtime.CompilerServices;

namespace Relaxnative.Binding;

// The typed delegates of trivial functions whose delegate types are the plan's integer ABI types exactly (see
// TrivialDelegates): generic methods of the target, instantiated per shape. Unlike an emitted stub, an ordinary
// method can be inlined by the JIT through the delegate where profile-guided devirtualization sees one target, so a
// hot loop pays the native call and the disposed check only. Arguments widen to 64 bits by their signedness and
// results narrow to their type, as the emitted trivial stubs do (TrivialCalls).
internal sealed partial class StubTarget
{
    internal void TrivialVoid0() => TrivialCalls.CallVoid0(LiveAddress());

    internal TResult Trivial0<TResult>() => Narrow<TResult>(TrivialCalls.Call0(LiveAddress()));

    internal void TrivialVoid1<T0>(T0 a0) => TrivialCalls.CallVoid1(LiveAddress(), Widen(a0));

    internal TResult Trivial1<T0, TResult>(T0 a0) => Narrow<TResult>(TrivialCalls.Call1(LiveAddress(), Widen(a0)));

    internal void TrivialVoid2<T0, T1>(T0 a0, T1 a1) => TrivialCalls.CallVoid2(LiveAddress(), Widen(a0), Widen(a1));

    internal TResult Trivial2<T0, T1, TResult>(T0 a0, T1 a1) => Narrow<TResult>(TrivialCalls.Call2(LiveAddress(), Widen(a0), Widen(a1)));

    internal void TrivialVoid3<T0, T1, T2>(T0 a0, T1 a1, T2 a2) => TrivialCalls.CallVoid3(LiveAddress(), Widen(a0), Widen(a1), Widen(a2));

    internal TResult Trivial3<T0, T1, T2, TResult>(T0 a0, T1 a1, T2 a2) => Narrow<TResult>(TrivialCalls.Call3(LiveAddress(), Widen(a0), Widen(a1), Widen(a2)));

    internal void TrivialVoid4<T0, T1, T2, T3>(T0 a0, T1 a1, T2 a2, T3 a3) => TrivialCalls.CallVoid4(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3));

    internal TResult Trivial4<T0, T1, T2, T3, TResult>(T0 a0, T1 a1, T2 a2, T3 a3) => Narrow<TResult>(TrivialCalls.Call4(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3)));

    internal void TrivialVoid5<T0, T1, T2, T3, T4>(T0 a0, T1 a1, T2 a2, T3 a3, T4 a4) => TrivialCalls.CallVoid5(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3), Widen(a4));

    internal TResult Trivial5<T0, T1, T2, T3, T4, TResult>(T0 a0, T1 a1, T2 a2, T3 a3, T4 a4) => Narrow<TResult>(TrivialCalls.Call5(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3), Widen(a4)));

    internal void TrivialVoid6<T0, T1, T2, T3, T4, T5>(T0 a0, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) => TrivialCalls.CallVoid6(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3), Widen(a4), Widen(a5));

    internal TResult Trivial6<T0, T1, T2, T3, T4, T5, TResult>(T0 a0, T1 a1, T2 a2, T3 a3, T4 a4, T5 a5) => Narrow<TResult>(TrivialCalls.Call6(LiveAddress(), Widen(a0), Widen(a1), Widen(a2), Widen(a3), Widen(a4), Widen(a5)));

    /// <summary>The function's address; throws once the library is closed (the address is 0 from then on).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private nint LiveAddress()
    {
        nint address = Address;
        if (address == 0)
        {
            StubHelpers.ThrowDisposed(this);
        }

        return address;
    }

    /// <summary>An integer-class argument widened to 64 bits by its signedness; each instantiation folds to one conversion.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Widen<T>(T value) =>
        typeof(T) == typeof(int) ? Unsafe.As<T, int>(ref value)
        : typeof(T) == typeof(uint) ? Unsafe.As<T, uint>(ref value)
        : typeof(T) == typeof(long) ? Unsafe.As<T, long>(ref value)
        : typeof(T) == typeof(ulong) ? (long)Unsafe.As<T, ulong>(ref value)
        : typeof(T) == typeof(nint) ? Unsafe.As<T, nint>(ref value)
        : typeof(T) == typeof(nuint) ? (long)Unsafe.As<T, nuint>(ref value)
        : typeof(T) == typeof(short) ? Unsafe.As<T, short>(ref value)
        : typeof(T) == typeof(ushort) ? Unsafe.As<T, ushort>(ref value)
        : typeof(T) == typeof(sbyte) ? Unsafe.As<T, sbyte>(ref value)
        : Unsafe.As<T, byte>(ref value);

    /// <summary>
    /// A result narrowed to its type: the low bytes of the 64-bit word, which are the only ones defined for narrow C
    /// types (every supported target is little-endian, so the reinterpretation reads exactly those).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Narrow<T>(long value) => Unsafe.As<long, T>(ref value);
}
