// vecmath.c: the implementation half of the multi-file example. It is passed as
// an extra source (BuildOptions.Sources) and linked into the same library as
// main.c.

#include "vecmath.h"

int scale_one(int x)
{
    return x * SCALE;
}

int scaled_total(const int* v, size_t n)
{
    int total = 0;
    for (size_t i = 0; i < n; i++)
    {
        total += scale_one(v[i]);
    }
    return total;
}
