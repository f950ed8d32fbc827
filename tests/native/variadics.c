// variadics.c: variadic callees shaped like logging and formatting APIs, read back with va_arg, and a callee that
// reports the %al its caller set (x86-64 System V: the upper bound of vector registers used by a variadic call).

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

// Sums the arguments described by kinds, one letter each: i int, u unsigned int, l long, d double, s string
// (adds its length), p pointer (adds 1000 when not NULL), c a callback of type int (*)(int) (adds cb(7)).
double sum_mixed(const char* kinds, ...)
{
    va_list ap;
    va_start(ap, kinds);
    double total = 0;
    for (const char* k = kinds; *k; k++)
    {
        switch (*k)
        {
            case 'i': total += va_arg(ap, int); break;
            case 'u': total += va_arg(ap, unsigned int); break;
            case 'l': total += (double)va_arg(ap, long); break;
            case 'd': total += va_arg(ap, double); break;
            case 's': { const char* s = va_arg(ap, const char*); total += s ? (double)strlen(s) : -1; break; }
            case 'p': total += va_arg(ap, void*) ? 1000 : 0; break;
            case 'c': { int (*cb)(int) = va_arg(ap, int (*)(int)); total += cb(7); break; }
            default: va_end(ap); return -1e9;
        }
    }

    va_end(ap);
    return total;
}

// A logging-style API: formats into out (at most size bytes) with a prefix; returns vsnprintf's count.
int format_line(char* out, size_t size, const char* format, ...)
{
    int prefix = snprintf(out, size, "[log] ");
    va_list ap;
    va_start(ap, format);
    int n = vsnprintf(out + prefix, size - (size_t)prefix, format, ap);
    va_end(ap);
    return prefix + n;
}

// Counts arguments the sqlite3_config way: the first says how many ints follow.
long sum_ints(int count, ...)
{
    va_list ap;
    va_start(ap, count);
    long total = 0;
    for (int i = 0; i < count; i++)
    {
        total += va_arg(ap, int);
    }

    va_end(ap);
    return total;
}

#if defined(__x86_64__)
// Returns the %al its caller passed, before any instruction can change it.
__attribute__((naked)) int reported_al(int unused, ...)
{
    __asm__("movzbl %al, %eax\n\tret");
}
#endif
