// mathlib_test.c: native tests for `relaxnative test`, of both kinds, three passing and three failing on purpose.
#include "relaxnative_test.h"

int add(int a, int b);
double half(double x);
const char* greet(void);

// int kind: 0 passes.
int test_add_small(void)
{
    return add(2, 3) == 5 ? 0 : 1;
}

// int kind, failing: returns 7.
int test_add_fails(void)
{
    return 7;
}

// const char* kind with the assertion macros.
const char* test_half(void)
{
    RN_ASSERT_EQ_DOUBLE(half(3.0), 1.5, 1e-12);
    RN_ASSERT(half(0.0) == 0.0);
    RN_PASS;
}

const char* test_greet(void)
{
    RN_ASSERT_STR_EQ(greet(), "hello");
    return "";
}

// Fails at this line with the expression and both values.
const char* test_add_wrong(void)
{
    RN_ASSERT_EQ_INT(add(1, 2), 4);
    RN_PASS;
}

const char* test_greet_wrong(void)
{
    RN_ASSERT_STR_EQ(greet(), "bye");
    RN_PASS;
}

// Not a test: it takes a parameter.
int test_helper(int x)
{
    return x;
}
