#include "multi.h"

static int absolute(int x)
{
    return x < 0 ? -x : x;
}

int multi_gcd(int a, int b)
{
    a = absolute(a);
    b = absolute(b);
    while (b != 0) {
        int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

/* @cost high */
double multi_mean(const double *values, int count)
{
    double sum = 0;
    for (int i = 0; i < count; i++) {
        sum += values[i];
    }
    return count == 0 ? 0 : sum / count;
}
