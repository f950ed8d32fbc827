// values.c: functions for `relaxnative run` argument and result conversions.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

size_t length(const char* s)
{
    return strlen(s);
}

const char* greeting(int formal)
{
    return formal ? "Good day" : "hi";
}

const char* nothing(void)
{
    return NULL;
}

double scale(double x, float f)
{
    return x * f;
}

uint64_t echo_u64(uint64_t x)
{
    return x;
}

uint8_t echo_u8(uint8_t x)
{
    return x;
}

int8_t negate_i8(int8_t x)
{
    return (int8_t)-x;
}

_Bool flip(_Bool b)
{
    return !b;
}

void fill(uint8_t* data, size_t n)
{
    memset(data, 1, n);
}
