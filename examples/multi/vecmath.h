// vecmath.h: helpers shared by main.c and vecmath.c. Editing this header
// (for example SCALE) changes the cache key, so the next Load rebuilds.

#ifndef VECMATH_H
#define VECMATH_H

#include <stddef.h>

// The factor every element is multiplied by.
#define SCALE 3

// Returns x * SCALE.
int scale_one(int x);

// Returns the sum of the n ints at v, each multiplied by SCALE.
int scaled_total(const int* v, size_t n);

#endif
