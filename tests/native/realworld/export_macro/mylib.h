#ifndef MYLIB_H
#define MYLIB_H

#include <stddef.h>

#if defined(_WIN32)
#define MYLIB_API(type) __declspec(dllexport) type
#else
#define MYLIB_API(type) __attribute__((visibility("default"))) type
#endif

typedef int mylib_bool;

typedef struct mylib_item {
    struct mylib_item *next;
    char *name;
    double value;
} mylib_item;

/* Adds two integers. */
MYLIB_API(int) mylib_add(int a, int b);
MYLIB_API(double) mylib_scale(double value, double factor);
MYLIB_API(mylib_item *) mylib_item_new(const char *name, double value);
MYLIB_API(double) mylib_item_value(const mylib_item *item);
MYLIB_API(void) mylib_item_free(mylib_item *item);
MYLIB_API(mylib_bool) mylib_is_even(int value);
MYLIB_API(const char *) mylib_version(void);
MYLIB_API(size_t) mylib_count_chars(const char *text, char c);

#endif
