#include "zmini.h"

#define local static

local uLong zmini_mix(uLong a, Byte b)
{
    return (a * 31u) + b;
}

uLong ZEXPORT zmini_checksum(seed, buf, len)
    uLong seed;
    const Bytef FAR *buf;
    unsigned len;
{
    uLong value = seed;
    for (unsigned i = 0; i < len; i++) {
        value = zmini_mix(value, buf[i]);
    }
    return value;
}

int ZEXPORT zmini_fill(Bytef FAR *dest, unsigned len, int value)
{
    for (unsigned i = 0; i < len; i++) {
        dest[i] = (Byte)value;
    }
    return (int)len;
}

voidpf ZEXPORT zmini_offset(voidpf base, unsigned bytes)
{
    return (char FAR *)base + bytes;
}
