/*
 * relaxnative_test.h: assertions for native tests run by `relaxnative test`.
 *
 * A test is a function with external linkage whose name starts with test_ and that takes no arguments:
 *
 *   int test_x(void)          passes when it returns 0;
 *   const char* test_y(void)  passes when it returns NULL or "", and otherwise fails with the returned text.
 *
 * The RN_ASSERT macros below are for the const char* kind: on failure they return a static message naming
 * the file, the line and the expression, e.g. "math_test.c:12: expected add(1, 2) == 3, got 4 (RN_ASSERT_EQ_INT)",
 * and on success they fall through. End such a test with RN_PASS (return NULL).
 *
 *   #include "relaxnative_test.h"
 *   const char* test_add(void)
 *   {
 *       RN_ASSERT_EQ_INT(add(1, 2), 3);
 *       RN_PASS;
 *   }
 *
 * `relaxnative test` adds this header's folder to the include path. Messages live in one buffer per thread,
 * valid until the next failing assertion on that thread.
 */
#ifndef RELAXNATIVE_TEST_H
#define RELAXNATIVE_TEST_H

#include <math.h>
#include <stdio.h>
#include <string.h>

#if defined(__cplusplus)
#define RN_THREAD_LOCAL thread_local
#elif defined(_MSC_VER)
#define RN_THREAD_LOCAL __declspec(thread)
#else
#define RN_THREAD_LOCAL _Thread_local
#endif

#define RN_MESSAGE_SIZE 512

/* The message buffer of the calling thread; static so each test file has its own. */
static RN_THREAD_LOCAL char rn_message_[RN_MESSAGE_SIZE];

/* The file name without its folders, so messages stay short. */
static inline const char* rn_basename_(const char* path)
{
    const char* name = path;
    for (const char* p = path; *p; p++)
    {
        if (*p == '/' || *p == '\\')
        {
            name = p + 1;
        }
    }
    return name;
}

/* Passes: return this at the end of a const char* test. */
#define RN_PASS return (const char*)0

/* Fails with a formatted message, prefixed by file:line. */
#define RN_FAIL(...)                                                                                     \
    do                                                                                                   \
    {                                                                                                    \
        int rn_n_ = snprintf(rn_message_, RN_MESSAGE_SIZE, "%s:%d: ", rn_basename_(__FILE__), __LINE__); \
        if (rn_n_ < 0 || rn_n_ >= RN_MESSAGE_SIZE) rn_n_ = 0;                                           \
        snprintf(rn_message_ + rn_n_, (size_t)(RN_MESSAGE_SIZE - rn_n_), __VA_ARGS__);                  \
        return rn_message_;                                                                              \
    } while (0)

/* Fails unless expr is true (non-zero). */
#define RN_ASSERT(expr)                                  \
    do                                                   \
    {                                                    \
        if (!(expr))                                     \
        {                                                \
            RN_FAIL("expected %s", #expr);               \
        }                                                \
    } while (0)

/* Fails unless the integers a and b are equal; both are compared as long long. */
#define RN_ASSERT_EQ_INT(a, b)                                                                  \
    do                                                                                          \
    {                                                                                           \
        long long rn_a_ = (long long)(a);                                                       \
        long long rn_b_ = (long long)(b);                                                       \
        if (rn_a_ != rn_b_)                                                                     \
        {                                                                                       \
            RN_FAIL("expected %s == %s, got %lld and %lld", #a, #b, rn_a_, rn_b_);              \
        }                                                                                       \
    } while (0)

/* Fails unless |a - b| <= eps. */
#define RN_ASSERT_EQ_DOUBLE(a, b, eps)                                                          \
    do                                                                                          \
    {                                                                                           \
        double rn_a_ = (double)(a);                                                             \
        double rn_b_ = (double)(b);                                                             \
        if (!(fabs(rn_a_ - rn_b_) <= (double)(eps)))                                            \
        {                                                                                       \
            RN_FAIL("expected %s == %s within %s, got %.17g and %.17g", #a, #b, #eps, rn_a_, rn_b_); \
        }                                                                                       \
    } while (0)

/* Fails unless the C strings a and b are equal (NULL equals only NULL). */
#define RN_ASSERT_STR_EQ(a, b)                                                                  \
    do                                                                                          \
    {                                                                                           \
        const char* rn_a_ = (a);                                                                \
        const char* rn_b_ = (b);                                                                \
        if (!((rn_a_ == 0 && rn_b_ == 0) || (rn_a_ != 0 && rn_b_ != 0 && strcmp(rn_a_, rn_b_) == 0))) \
        {                                                                                       \
            RN_FAIL("expected %s == %s, got \"%s\" and \"%s\"", #a, #b,                         \
                    rn_a_ ? rn_a_ : "(null)", rn_b_ ? rn_b_ : "(null)");                        \
        }                                                                                       \
    } while (0)

#endif /* RELAXNATIVE_TEST_H */
