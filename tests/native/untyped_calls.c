/* Shapes the untyped call path treats specially: narrow results whose register's upper bits are left as they
   were, two and three buffer arguments, and more arguments than the inline slot block holds. */
#include <stddef.h>
#include <stdint.h>

uint8_t low_byte(int v) { return (uint8_t)v; }
int8_t low_signed_byte(int v) { return (int8_t)v; }
uint16_t low_half(int v) { return (uint16_t)v; }

uint64_t add_bytes2(const uint8_t* a, const uint8_t* b, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += a[i] + b[i];
    return sum;
}

uint64_t add_bytes3(const uint8_t* a, const uint8_t* b, const uint8_t* c, size_t n)
{
    return add_bytes2(a, b, n) + add_bytes2(c, c, n) / 2;
}

int64_t sum10(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j)
{
    return (int64_t)a + b + c + d + e + f + g + h + i + j;
}

/* Two functions of one ABI shape, byte(byte), whose C types differ: the untyped call must box each as its own type. */
#include <stdbool.h>
bool is_odd(uint8_t v) { return v & 1; }
uint8_t twice(uint8_t v) { return (uint8_t)(v * 2); }

/* Scalar parameters only, pointer result: the result is converted by the bind options (text, owned result). */
static char s_digits[] = "0123456789";
const char* digits_from(int start) { return start >= 0 && start < 10 ? s_digits + start : 0; }
