/* The native side of the peer benchmark: the same three calls the .NET
 * benchmarks make (CallBenchmarks, SumBenchmarks), built once and loaded by
 * every peer so that all of them time the same machine code.
 *
 *   cc -O2 -fPIC -shared -o out/libpeer.so peerlib.c
 */
#include <stddef.h>
#include <stdint.h>

int add(int a, int b)
{
    return a + b;
}

void noop(void)
{
}

uint64_t sum_u8(const uint8_t *data, size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += data[i];
    return total;
}
