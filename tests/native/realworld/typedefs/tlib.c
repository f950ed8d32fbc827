#include "tlib.h"

#include <stdlib.h>
#include <string.h>

struct tlib_state { tlib_Integer top; };
struct tlib_file_s { int open; };

uLong tlib_crc32(uLong crc, const Bytef *buf, uInt len)
{
    crc = ~crc & 0xffffffffUL;
    for (uInt i = 0; i < len; i++) {
        crc ^= buf[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320UL & (0 - (crc & 1)));
        }
    }
    return ~crc & 0xffffffffUL;
}

uLongf tlib_adler(uLongf adler, const Byte *buf, uInt len)
{
    uLong a = adler & 0xffff, b = (adler >> 16) & 0xffff;
    for (uInt i = 0; i < len; i++) {
        a = (a + buf[i]) % 65521;
        b = (b + a) % 65521;
    }
    return (b << 16) | a;
}

tlib_Integer tlib_tointeger(tlib_State *L, int idx)
{
    return L->top * 1000 + idx;
}

tlib_hash_t tlib_hash64(const void *data, uint64_t size, tlib_hash_t seed)
{
    const unsigned char *p = (const unsigned char *)data;
    tlib_hash_t h = 1469598103934665603ULL ^ seed;
    for (uint64_t i = 0; i < size; i++) {
        h = (h ^ p[i]) * 1099511628211ULL;
    }
    return h;
}

tlib_bool tlib_is_true(tlib_bool value)
{
    return value != 0;
}

tstr tlib_strdup(tcstr text)
{
    return strdup(text);
}

void tlib_strfree(tstr text)
{
    free(text);
}

tlib_State *tlib_newstate(void)
{
    tlib_State *L = (tlib_State *)calloc(1, sizeof(tlib_State));
    L->top = 7;
    return L;
}

void tlib_close(tlib_State *L)
{
    free(L);
}

int tlib_call(tlib_State *L, tlib_CFunction f)
{
    return f(L);
}

tlib_File tlib_open(const char *path, const char *mode)
{
    (void)path;
    (void)mode;
    tlib_File file = (tlib_File)calloc(1, sizeof(struct tlib_file_s));
    file->open = 1;
    return file;
}

int tlib_close_file(tlib_File file)
{
    int was = file->open;
    free(file);
    return was;
}

tlib_voidp tlib_identity(tlib_voidp p)
{
    return p;
}

int tlib_mode_bits(tlib_mode_t mode)
{
    return (int)mode;
}
