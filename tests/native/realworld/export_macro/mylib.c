#include "mylib.h"

#include <stdlib.h>
#include <string.h>

#define MYLIB_LOCAL __attribute__((visibility("hidden")))

/* A helper the library uses but does not export. */
MYLIB_LOCAL int mylib_internal_twice(int x)
{
    return 2 * x;
}

MYLIB_API(int) mylib_add(int a, int b)
{
    return a + b;
}

/* @cost low */
MYLIB_API(double) mylib_scale(double value, double factor)
{
    return value * factor;
}

MYLIB_API(mylib_item *) mylib_item_new(const char *name, double value)
{
    mylib_item *item = (mylib_item *)calloc(1, sizeof(mylib_item));
    if (item == NULL) {
        return NULL;
    }
    item->name = strdup(name);
    item->value = value;
    return item;
}

MYLIB_API(double) mylib_item_value(const mylib_item *item)
{
    return item->value;
}

MYLIB_API(void) mylib_item_free(mylib_item *item)
{
    if (item != NULL) {
        free(item->name);
        free(item);
    }
}

MYLIB_API(mylib_bool) mylib_is_even(int value)
{
    return mylib_internal_twice(value) % 4 == 0;
}

MYLIB_API(const char *) mylib_version(void)
{
    return "1.7.15";
}

/* @async
 * Counts the occurrences of c in text. */
MYLIB_API(size_t) mylib_count_chars(const char *text, char c)
{
    size_t count = 0;
    for (; *text != '\0'; text++) {
        count += *text == c;
    }
    return count;
}
