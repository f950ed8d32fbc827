// xor.c: an in-place transform of a byte buffer, the shape of many codecs and
// (toy) ciphers. The result is visible to the caller in the same memory.

#include <stddef.h>
#include <stdint.h>

// XORs each of the n bytes at data with key, in place. Applying it twice with
// the same key restores the original bytes.
void xor_u8(uint8_t* data, size_t n, uint8_t key)
{
    for (size_t i = 0; i < n; i++)
    {
        data[i] ^= key;
    }
}
