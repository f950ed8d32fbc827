// mathlib.c: the code under test for the `relaxnative test` fixtures (linked into each test file's library).
#include <string.h>

int add(int a, int b)
{
    return a + b;
}

double half(double x)
{
    return x / 2.0;
}

const char* greet(void)
{
    return "hello";
}
