/* A source with functions Relaxnative must skip (variadic, struct by value) beside ones it binds. */
#include <stdarg.h>

struct pair { int a; int b; };

int sum_all(int count, ...)
{
    va_list args;
    va_start(args, count);
    int sum = 0;
    for (int i = 0; i < count; i++) sum += va_arg(args, int);
    va_end(args);
    return sum;
}

int pair_sum(struct pair p) { return p.a + p.b; }

static int helper(int x) { return x * 2; }

int doubled(int x) { return helper(x); }
