// crashing_test.c: under the default process isolation, a test that crashes fails alone and the run goes on.
#include <stddef.h>

int test_before_crash(void)
{
    return 0;
}

int test_segfaults(void)
{
    volatile int* volatile nowhere = NULL;
    *nowhere = 1;
    return 0;
}

int test_after_crash(void)
{
    return 0;
}
