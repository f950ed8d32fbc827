// main.c: the entry source of a library built from several files. Load it with
//
//     new BuildOptions { Sources = ["examples/multi/vecmath.c"] }
//
// (relative extra sources resolve against the current directory, so an
// absolute path is the robust choice). The helpers scale_one and scaled_total
// live in vecmath.c and are linked into the same library.

#include <stddef.h>

#include "vecmath.h"

// Returns the sum of the n ints at v, each multiplied by SCALE (3).
int scaled_sum(const int* v, size_t n)
{
    return scaled_total(v, n);
}
