/* The functions the call benchmarks measure; the same shapes as bench/peers/peerlib.c. */
#include <stddef.h>
#include <stdint.h>

int add(int a, int b) { return a + b; }
void noop(void) { }

uint64_t sum_u8(const uint8_t* data, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += data[i];
    return sum;
}

/* Reads one byte of n: a call whose cost is its argument's trip, not its work (ProcessSumBenchmarks). */
uint8_t peek_u8(const uint8_t* data, size_t n) { return n == 0 ? 0 : data[n - 1]; }

/* Writes one byte of n: the same trip with a writable pointee, so the bytes come back too. */
void poke_u8(uint8_t* data, size_t n) { if (n != 0) data[n - 1] ^= 1; }
