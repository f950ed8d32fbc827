/* zlib's and Lua's spellings: empty macros, `local` for static, OF() prototypes, parenthesised names. */
#define FAR
#define ZEXPORT
#define OF(args) args
#define local static
#define LUA_API extern

typedef unsigned long uLong;
typedef unsigned int uInt;
typedef unsigned char Bytef;
typedef struct zs_State zs_State;
struct zs_State { int top; };

uLong ZEXPORT zs_adler32 OF((uLong adler, const Bytef FAR *buf, uInt len));

local uLong zs_mod(uLong value) { return value % 65521; }

uLong ZEXPORT zs_adler32(uLong adler, const Bytef FAR *buf, uInt len)
{
    uLong a = adler & 0xffff, b = (adler >> 16) & 0xffff;
    for (uInt i = 0; i < len; i++) { a = zs_mod(a + buf[i]); b = zs_mod(b + a); }
    return (b << 16) | a;
}

LUA_API int (zs_gettop) (zs_State *L) { return L ? L->top : -1; }
