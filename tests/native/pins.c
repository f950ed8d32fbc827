/* Functions that hold buffer arguments across a callback into managed code or a wait, during which the buffer may be
   freed. They do not touch the buffer after that point: the tests observe its release instead, so a release under the
   call fails a test rather than crashing the test process (the child-process stress touches it: see AccessRaceScenarios). */
#include <stddef.h>
#include <stdint.h>

typedef void (*during_fn)(void);
typedef int (*inner_fn)(int);

/* Fills the buffer, then calls back. */
void fill_then_call_back(uint8_t* data, size_t n, uint8_t value, during_fn during)
{
    for (size_t i = 0; i < n; i++) data[i] = value;
    during();
}

/* The same with two buffers. */
void fill_two_then_call_back(uint8_t* a, uint8_t* b, size_t n, during_fn during)
{
    for (size_t i = 0; i < n; i++) a[i] = b[i] = 1;
    during();
}

/* One level of a recursion through managed code: each level holds its own buffer across the inner call. */
int hold_across(uint8_t* data, int level, inner_fn inner)
{
    data[0] = (uint8_t)level;
    return inner(level) + 1;
}

/* Copies n bytes: a call with two buffers and nothing else. */
void copy_bytes(uint8_t* to, const uint8_t* from, size_t n)
{
    for (size_t i = 0; i < n; i++) to[i] = from[i];
}

/* Fills the buffer, tells the caller (flags[0] = 1), and returns when told to (flags[1] != 0). */
void fill_when_told(uint8_t* data, size_t n, volatile int* flags)
{
    for (size_t i = 0; i < n; i++) data[i] = 1;
    __atomic_store_n(&flags[0], 1, __ATOMIC_SEQ_CST);
    while (!__atomic_load_n(&flags[1], __ATOMIC_SEQ_CST)) { }
}

/* Fills the buffer (n a multiple of 8) with `value` in every byte, then counts the bytes that hold `sought`. Other
   threads may read and write the buffer meanwhile, so it writes whole aligned words (a concurrent 8-byte read sees one
   value in every byte) and the caller seeks a value nobody writes (the poison of a released guarded block). */
size_t fill_and_count(uint8_t* data, size_t n, uint8_t value, uint8_t sought)
{
    volatile uint64_t* words = (volatile uint64_t*)data;
    uint64_t pattern = 0x0101010101010101ULL * value;
    for (size_t i = 0; i < n / 8; i++) words[i] = pattern;
    volatile uint8_t* bytes = data;
    size_t found = 0;
    for (size_t i = 0; i < n; i++) found += bytes[i] == sought;
    return found;
}

/* Does nothing with the buffer: a call to make before the ones under test, so the buffer has been used in calls. */
void ignore_buffer(uint8_t* data)
{
    (void)data;
}
