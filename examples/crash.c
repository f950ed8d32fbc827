// crash.c: functions that kill the process that calls them, for the crash
// isolation scenarios (IsolationMode.Process turns each into a
// NativeCrashException and keeps the host alive). Never call crash,
// crash_abort or crash_fpe in-process: the .NET runtime cannot recover from
// a fault in native code, and the whole process dies.

#include <stdlib.h>

// Writes through a NULL pointer: SIGSEGV on Linux and macOS, an access
// violation on Windows. The volatile pointer to volatile int stops the compiler
// (gcc 12 at -O2 deletes a store through a merely volatile pointer) from proving
// the store undefined and deleting it (or replacing it with a trap). Returns
// code only in the sense that it is declared to; it never returns.
int crash(int code)
{
    volatile int* volatile target = NULL;
    *target = code;
    return code;
}

// Calls abort(): SIGABRT. Never returns.
int crash_abort(void)
{
    abort();
}

// Returns 100 / d. With d == 0 this is an integer division by zero, which
// raises SIGFPE on x86-64 (ARM64 has no trap and returns 0 instead). The
// volatile divisor forces a real division at run time: with a constant or a
// visible zero the compiler could fold or remove it.
int crash_fpe(int d)
{
    volatile int divisor = d;
    return 100 / divisor;
}

// Returns x + 1: the control case, proving that the library loads and that
// calls into it work before a crash is provoked.
int well_behaved(int x)
{
    return x + 1;
}
