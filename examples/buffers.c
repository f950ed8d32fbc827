// buffers.c: reading and writing caller-owned memory. The caller passes a
// pointer and an element count; the kernel never keeps the pointer after it
// returns, so a pinned array, a Span or a NativeBuffer all work.

#include <stddef.h>
#include <stdint.h>

// Sets every one of the n bytes at data to value (what memset does, written as
// a loop the compiler vectorises). n may be 0, in which case data may be NULL.
void fill_u8(uint8_t* data, size_t n, uint8_t value)
{
    for (size_t i = 0; i < n; i++)
    {
        data[i] = value;
    }
}

// Returns the sum of the n bytes at data, widened to 64 bits so it cannot
// overflow for any buffer that fits in memory. Returns 0 when n is 0.
uint64_t sum_u8(const uint8_t* data, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
    {
        sum += data[i];
    }
    return sum;
}
