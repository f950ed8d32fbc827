/* Buffer-and-length APIs, declared as glibc declares read() and write(): GCC access attributes on the prototypes
   (a stream reader fills a buffer, a checksum reads one, a DSP routine rewrites samples in place), one pairing written
   as an annotation, and one function with no pairing at all. */
#include <stddef.h>

size_t stream_read(void *buf, size_t count) __attribute__((__access__(__write_only__, 1, 2)));
unsigned checksum(size_t n, const unsigned char *data) __attribute__((access(read_only, 2, 1)));
void scale_samples(float *samples, int count, float factor) __attribute__((access(read_write, 1, 2)));

size_t stream_read(void *buf, size_t count)
{
    unsigned char *bytes = buf;
    for (size_t i = 0; i < count; i++) {
        bytes[i] = (unsigned char)(i + 1);
    }
    return count;
}

unsigned checksum(size_t n, const unsigned char *data)
{
    unsigned sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += data[i];
    }
    return sum;
}

void scale_samples(float *samples, int count, float factor)
{
    for (int i = 0; i < count; i++) {
        samples[i] *= factor;
    }
}

/* Fills dst[0..n) with value. @bounds(dst, n) */
void fill_words(int *dst, size_t n, int value)
{
    for (size_t i = 0; i < n; i++) {
        dst[i] = value;
    }
}

int first_byte(const unsigned char *data, int n) { return n > 0 ? data[0] : -1; }
