// fnpointers.c: an API that hands back function pointers: a GetProcAddress-style lookup, a getter typed with a
// function pointer typedef, and a vtable struct of pointers (the shape of sqlite3_api_routines).

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef int (*binop_fn)(int, int);

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static const char* calculator_name(void) { return "calc 2.1"; }

// Sums n doubles: a variadic function reached only through a pointer.
static double sum_doubles(int n, ...)
{
    va_list ap;
    va_start(ap, n);
    double total = 0;
    for (int i = 0; i < n; i++) total += va_arg(ap, double);
    va_end(ap);
    return total;
}

struct calculator
{
    binop_fn add;
    binop_fn mul;
    const char* (*name)(void);
    double (*sum)(int n, ...);
};

static const struct calculator the_calculator = { add, mul, calculator_name, sum_doubles };
static const char not_code[] = "data, not code";

// The operation named name, or NULL.
binop_fn get_op(const char* name)
{
    if (strcmp(name, "add") == 0) return add;
    if (strcmp(name, "mul") == 0) return mul;
    return NULL;
}

// GetProcAddress-style: any entry point by name, as void*.
void* lookup(const char* name)
{
    if (strcmp(name, "sum_doubles") == 0) return (void*)sum_doubles;
    if (strcmp(name, "calculator_name") == 0) return (void*)calculator_name;
    return (void*)get_op(name);
}

const struct calculator* get_calculator(void) { return &the_calculator; }

// An address of data, for the tests that must refuse to call it.
const void* data_pointer(void) { return not_code; }

// Calls f the way C code would, to check that a pointer passed back in still works.
int apply(binop_fn f, int a, int b) { return f(a, b); }

// Ends the process that calls it (the helper, in the process-isolation tests).
void die(void) { abort(); }
