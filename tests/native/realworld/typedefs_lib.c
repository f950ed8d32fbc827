/* Typedef'd scalars, pointers, function pointers and opaque handles, as zlib, Lua and xxHash write them. */
#include <stdlib.h>

typedef unsigned long uLong;
typedef unsigned int uInt;
typedef unsigned char Bytef;
typedef uLong checksum_t;            /* a typedef of a typedef */
typedef char *text_t;                /* a pointer typedef, like sds */
typedef struct counter_s *counter_t; /* an opaque handle, like gzFile */
typedef int (*unary_fn)(int);        /* a function pointer, like lua_CFunction */
typedef int flag_t;

struct counter_s { long value; };

checksum_t td_checksum(checksum_t seed, const Bytef *buf, uInt len)
{
    uLong sum = seed;
    for (uInt i = 0; i < len; i++) sum = sum * 31 + buf[i];
    return sum;
}

text_t td_greeting(flag_t formal) { return formal ? "Good day" : "hi"; }

counter_t td_counter_new(long start)
{
    counter_t counter = malloc(sizeof *counter);
    counter->value = start;
    return counter;
}

long td_counter_add(counter_t counter, long amount) { return counter->value += amount; }
void td_counter_free(counter_t counter) { free(counter); }

static int doubler(int x) { return 2 * x; }
unary_fn td_doubler(void) { return doubler; }
int td_apply(unary_fn f, int x) { return f(x); }
