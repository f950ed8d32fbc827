#include <stdarg.h>
#include "exportmacro_lib.h"

static int twice(int x) { return 2 * x; }

/* Not marked MYLIB_API: hidden by -fvisibility=hidden. */
int mylib_internal(int x) { return twice(x); }

#if 0
MYLIB_API(int) mylib_disabled(int x) { return x; }
#endif

MYLIB_API(int) mylib_add(int a, int b) { return a + b; }
MYLIB_API(const char *) mylib_version(void) { return "mylib 1.4.2"; }
MYLIB_API(double) mylib_scale(double value, double factor) { return value * factor; }

MYLIB_API(int) mylib_sum(int count, ...)
{
    va_list args;
    va_start(args, count);
    int sum = 0;
    for (int i = 0; i < count; i++) sum += va_arg(args, int);
    va_end(args);
    return sum;
}

MYLIB_API(int) mylib_pair_sum(mylib_pair pair) { return pair.a + pair.b; }
