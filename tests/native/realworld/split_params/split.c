#include "split.h"

long split_sum(int a,
#ifdef SPLIT_WIDE
               long long b
#else
               int b
#endif
)
{
    return (long)a + (long)b;
}

#ifdef SPLIT_WIDE
int split_is_wide(void)
{
    return 1;
}
#endif

int split_version(void)
{
#ifdef SPLIT_WIDE
    return 2;
#else
    return 1;
#endif
}
