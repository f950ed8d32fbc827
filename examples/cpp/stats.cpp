// stats.cpp: C++ internals behind a C surface. Only extern "C" functions have
// names .NET can find (C++ names are mangled), so median_f64 is bound and
// mean_f64 is reported as skipped with the reason.

#include <stddef.h>

#include <algorithm>
#include <vector>

// Sorts a copy of the input, so the caller's array is left untouched. static:
// an internal helper, neither exported nor listed by Relaxnative.
static std::vector<double> sorted_copy(const double* values, size_t n)
{
    std::vector<double> copy(values, values + n);
    std::sort(copy.begin(), copy.end());
    return copy;
}

// Returns the median of the n doubles at values (the mean of the two middle
// values when n is even), or 0.0 when n is 0. The input is not modified.
// Exceptions must not cross the C boundary, so an allocation failure returns
// 0.0 rather than throwing into .NET. The exported signature is spelled in C
// (size_t, not std::size_t), since it is read as a C declaration.
extern "C" double median_f64(const double* values, size_t n)
{
    if (n == 0)
    {
        return 0.0;
    }

    try
    {
        const std::vector<double> sorted = sorted_copy(values, n);
        const size_t middle = n / 2;
        return n % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
    catch (...)
    {
        return 0.0;
    }
}

// Not extern "C": exported under a mangled C++ name, so Relaxnative does not
// bind it and lists it as skipped. Add extern "C" to make it callable.
double mean_f64(const double* values, size_t n)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
    {
        sum += values[i];
    }
    return n == 0 ? 0.0 : sum / static_cast<double>(n);
}
