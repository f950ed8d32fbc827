/* shlib.h - a single-header library: declarations always, definitions only where SHLIB_IMPLEMENTATION is defined. */
#ifndef SHLIB_H
#define SHLIB_H

#ifndef SHLIB_DEF
#define SHLIB_DEF extern
#endif

typedef struct shlib_vec2 { float x, y; } shlib_vec2;

SHLIB_DEF int shlib_clamp(int value, int low, int high);
SHLIB_DEF float shlib_lerp(float a, float b, float t);
SHLIB_DEF unsigned shlib_popcount(unsigned value);
SHLIB_DEF float shlib_dot(const shlib_vec2 *a, const shlib_vec2 *b);

#endif /* SHLIB_H */

#ifdef SHLIB_IMPLEMENTATION

static int shlib__min(int a, int b) { return a < b ? a : b; }

/* @sync */
SHLIB_DEF int shlib_clamp(int value, int low, int high)
{
    return value < low ? low : shlib__min(value, high);
}

SHLIB_DEF float shlib_lerp(float a, float b, float t)
{
    return a + (b - a) * t;
}

SHLIB_DEF unsigned shlib_popcount(unsigned value)
{
    unsigned count = 0;
    while (value) {
        count += value & 1u;
        value >>= 1;
    }
    return count;
}

SHLIB_DEF float shlib_dot(const shlib_vec2 *a, const shlib_vec2 *b)
{
    return a->x * b->x + a->y * b->y;
}

#endif /* SHLIB_IMPLEMENTATION */
