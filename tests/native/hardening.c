/* Functions shaped like real library entry points, for the misuse a careless or hostile caller can attempt:
   strings with embedded NULs, forged remote pointers, size_t and intptr_t output arrays, and callbacks that a
   library keeps after the call that registered them (as signal or event registries do). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

// @async
size_t name_length(const char* name) { return strlen(name); }

int first_int(const int* values) { return values[0]; }

/* Like a directory of entries: fills a table of pointers, each to the first int of a block. */
int sum_firsts(const int** blocks, int count)
{
    int sum = 0;
    for (int i = 0; i < count; i++) sum += blocks[i][0];
    return sum;
}

/* Like stat-style queries: sizes and offsets written through caller-provided arrays. */
void fill_sizes(size_t* sizes, size_t count)
{
    for (size_t i = 0; i < count; i++) sizes[i] = ((size_t)1 << 40) + i;
}

void fill_addresses(uintptr_t* addresses, size_t count)
{
    for (size_t i = 0; i < count; i++) addresses[i] = (uintptr_t)0xFFFF000000000000ull + i;
}

void fill_offsets(intptr_t* offsets, size_t count)
{
    for (size_t i = 0; i < count; i++) offsets[i] = -((intptr_t)1 << 40) - (intptr_t)i;
}

void fill_differences(ptrdiff_t* differences, size_t count)
{
    for (size_t i = 0; i < count; i++) differences[i] = -(ptrdiff_t)i - 1;
}

/* A registry that keeps the handler for later, and a call that uses a handler only while it runs. */
static int (*s_handler)(int);

void set_handler(int (*handler)(int)) { s_handler = handler; }

int fire_handler(int value) { return s_handler ? s_handler(value) : -1; }

int apply_now(int (*handler)(int), int value) { return handler(value); }

/* A pointer to library-owned data, as lookup tables and singletons are returned. */
static int s_values[2] = { 7, 8 };

const int* shared_values(void) { return s_values; }

/* A 64-bit shape of its own, so a test can count the callback thunks of exactly this shape. */
long apply_many(long (*handler)(long), long value) { return handler(value); }
