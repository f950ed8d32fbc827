// histogram.c: counting byte values, with an output array the caller owns.

#include <stddef.h>
#include <stdint.h>

// Adds the count of each byte value in the n bytes at data to bins, which must
// hold 256 uint32_t counters. Counts are added, not assigned, so one set of
// bins can accumulate several buffers; zero the bins first for a fresh count.
void histogram_u8(const uint8_t* data, size_t n, uint32_t* bins)
{
    for (size_t i = 0; i < n; i++)
    {
        bins[data[i]]++;
    }
}
