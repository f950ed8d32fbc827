// heavy.c: a long CPU-bound call. The annotations tell Relaxnative to run it on
// a native worker thread when it is called asynchronously (InvokeAsync, or
// through dynamic, which returns a Task), so it never blocks the caller.

#include <stdint.h>

// Runs `iterations` steps of a fixed recurrence and returns a value in [0, 1)
// that depends on every step. Only -, * and + are used, each exactly rounded by
// IEEE 754, and the one a * b + c shape (acc * 0.5 + x * 0.5) multiplies by a
// power of two, which is exact, so fusing it into an FMA changes nothing: the
// result is the same on every machine and in a managed port of the loop.
// Returns 0.0 when iterations <= 0.
// @async
// @cost high
double heavy(int64_t iterations)
{
    double x = 0.5;
    double acc = 0.0;
    for (int64_t i = 0; i < iterations; i++)
    {
        // A logistic-map step keeps x in (0, 1) and chaotic, so the loop cannot
        // be shortened; the running mean below keeps acc bounded as well.
        x = 3.9 * x * (1.0 - x);
        acc = acc * 0.5 + x * 0.5;
    }
    return acc;
}
