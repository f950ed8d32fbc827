// kernel.c: what the consumer test calls from a freshly created application that references only the Relaxnative
// package, in every publish mode: a plain call, an asynchronous call on a native worker thread, and a crash.

#include <stddef.h>
#include <stdint.h>

// Returns a + b.
int add(int a, int b)
{
    return a + b;
}

// Sums n bytes. Runs on a native worker thread when called with InvokeAsync.
// @async
uint64_t sum_u8(const uint8_t* data, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
    {
        total += data[i];
    }
    return total;
}

// Writes through NULL: SIGSEGV. Only ever called in the helper process.
int crash(int code)
{
    volatile int* volatile target = NULL;
    *target = code;
    return code;
}
