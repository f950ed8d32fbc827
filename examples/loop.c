// loop.c: a call that does a known amount of work per element, for measuring
// how Relaxnative's call cost compares with the work inside the call.

#include <stdint.h>

// Returns 0 + 1 + ... + (n - 1), or 0 when n <= 0, computed by a loop that
// really runs n times.
//
// Why the volatile: written plainly, gcc and clang at -O2 recognise the sum of
// an arithmetic series and replace the loop with n * (n - 1) / 2, so the call
// would take the same few nanoseconds for any n and a benchmark would measure
// nothing. Reading the step through a volatile object forces one load per
// iteration that the optimiser cannot predict, so the loop stays a loop and
// its cost grows linearly with n. The result is still exact.
int64_t loop_sum(int64_t n)
{
    static volatile int64_t step = 1;
    int64_t sum = 0;
    for (int64_t i = 0; i < n; i++)
    {
        sum += i * step;
    }
    return sum;
}
