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
