/* A malloc interposer for LD_PRELOAD: forwards every call to glibc and counts the calls for two marker sizes, so a
 * test can see which allocator made and released a block. Only blocks of the marker sizes are tracked. */
#include <stddef.h>

#define MALLOC_MARKER 4242
#define CALLOC_MARKER 4243
#define SLOTS 1024

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void __libc_free(void *memory);

static void *tracked[SLOTS];
static int malloc_calls, calloc_calls, free_calls;

static void track(void *memory)
{
    for (int i = 0; i < SLOTS; i++) {
        if (__atomic_compare_exchange_n(&tracked[i], &(void *){NULL}, memory, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            return;
        }
    }
}

void *malloc(size_t size)
{
    void *memory = __libc_malloc(size);
    if (size == MALLOC_MARKER && memory != NULL) {
        __atomic_add_fetch(&malloc_calls, 1, __ATOMIC_SEQ_CST);
        track(memory);
    }
    return memory;
}

void *calloc(size_t count, size_t size)
{
    void *memory = __libc_calloc(count, size);
    if (count * size == CALLOC_MARKER && memory != NULL) {
        __atomic_add_fetch(&calloc_calls, 1, __ATOMIC_SEQ_CST);
        track(memory);
    }
    return memory;
}

void free(void *memory)
{
    if (memory != NULL) {
        for (int i = 0; i < SLOTS; i++) {
            void *expected = memory;
            if (__atomic_compare_exchange_n(&tracked[i], &expected, NULL, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
                __atomic_add_fetch(&free_calls, 1, __ATOMIC_SEQ_CST);
                break;
            }
        }
    }
    __libc_free(memory);
}

/* 0: marker mallocs, 1: marker callocs, 2: frees of marker blocks. */
int counting_malloc_calls(int which)
{
    return which == 0 ? malloc_calls : which == 1 ? calloc_calls : free_calls;
}
