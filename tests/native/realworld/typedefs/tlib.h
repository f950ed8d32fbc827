#ifndef TLIB_H
#define TLIB_H

#include <stdint.h>

typedef unsigned long uLong;
typedef unsigned int uInt;
typedef unsigned char Byte;
typedef Byte Bytef;
typedef uLong uLongf;
typedef int64_t tlib_Integer;
typedef uint64_t tlib_hash_t;
typedef int tlib_bool;
typedef char *tstr;
typedef const char *tcstr;

typedef struct tlib_state tlib_State;
typedef int (*tlib_CFunction)(tlib_State *L);
typedef struct tlib_file_s *tlib_File;
typedef void *tlib_voidp;

enum tlib_mode { TLIB_READ = 1, TLIB_WRITE = 1 << 1, TLIB_APPEND = TLIB_WRITE | 4, TLIB_ALL = ~0u >> 28 };
typedef enum tlib_mode tlib_mode_t;

uLong tlib_crc32(uLong crc, const Bytef *buf, uInt len);
uLongf tlib_adler(uLongf adler, const Byte *buf, uInt len);
tlib_Integer tlib_tointeger(tlib_State *L, int idx);
tlib_hash_t tlib_hash64(const void *data, uint64_t size, tlib_hash_t seed);
tlib_bool tlib_is_true(tlib_bool value);
tstr tlib_strdup(tcstr text);
void tlib_strfree(tstr text);
tlib_State *tlib_newstate(void);
void tlib_close(tlib_State *L);
int tlib_call(tlib_State *L, tlib_CFunction f);
tlib_File tlib_open(const char *path, const char *mode);
int tlib_close_file(tlib_File file);
tlib_voidp tlib_identity(tlib_voidp p);
int tlib_mode_bits(tlib_mode_t mode);

#endif
