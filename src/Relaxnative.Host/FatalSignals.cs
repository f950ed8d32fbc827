namespace Relaxnative.Host;

/// <summary>
/// Gives every signal that ends a C program its default action again in the helper. The .NET runtime handles
/// SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP to raise managed exceptions, and when such a signal comes from
/// native code it restores the default and returns, counting on the faulting instruction to run again and fault for
/// real. A signal sent by <c>raise</c>, <c>kill</c> or <c>pthread_kill</c> has no such instruction, so the runtime
/// swallowed it and the call "returned" with half-written output. It also ignores SIGPIPE and turns SIGINT, SIGQUIT
/// and SIGTERM into an orderly exit. The helper exists to run native code, so it behaves as a C program would: any
/// of these signals kills it, the host sees the signal and reports a crash, and nothing is copied back.
/// </summary>
/// <remarks>
/// Set once at start-up (no cost per call). The price: a fault in the helper's own managed code is a crash too,
/// not a NullReferenceException; the helper's loop does not rely on catching those.
/// </remarks>
internal static class FatalSignals
{
    private const nint Default = 0;

    // SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGPIPE, SIGTERM, SIGSYS (Linux numbers).
    private static readonly int[] s_signals = [1, 2, 3, 4, 5, 6, 7, 8, 11, 13, 15, 31];

    internal static void RestoreDefaults()
    {
        foreach (int signal in s_signals)
        {
            _ = Posix.Signal(signal, Default);
        }
    }
}
