// passing_test.c: a test file with no code under test beside it, whose tests all pass.
#include "relaxnative_test.h"

int test_zero(void)
{
    return 0;
}

const char* test_null(void)
{
    RN_ASSERT(1 + 1 == 2);
    RN_PASS;
}
