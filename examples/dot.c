// dot.c: two BLAS level-1 routines on double arrays, the building blocks of
// most numeric code. Summation runs strictly left to right (without
// -ffast-math the compiler may not reorder floating-point additions), so
// results are reproducible. They can still differ from a managed loop in the
// last bits where the compiler fuses a * b + c into one FMA instruction, as
// gcc does by default on ARM64; compare with a tolerance.

#include <stddef.h>

// Returns the dot product sum(a[i] * b[i]) of two arrays of n doubles.
// Returns 0.0 when n is 0.
double dot_f64(const double* a, const double* b, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
    {
        sum += a[i] * b[i];
    }
    return sum;
}

// y = a * x + y, element by element, over n doubles. y is updated in place;
// x and y must not overlap.
void saxpy_f64(double a, const double* x, double* y, size_t n)
{
    for (size_t i = 0; i < n; i++)
    {
        y[i] = a * x[i] + y[i];
    }
}
