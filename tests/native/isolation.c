// isolation.c: functions for the worker and process isolation tests. Several of them kill the process that calls
// them; the tests only call those in a helper process (IsolationMode.Process).

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

int add(int a, int b) { return a + b; }

double scale(double x, float factor) { return x * factor; }

// Writes a line to stderr, then writes through NULL: SIGSEGV.
int crash_segv(int code)
{
    fprintf(stderr, "about to crash with code %d\n", code);
    // Both volatile: with only the pointer volatile, gcc 12 -O2 deletes the store as dead.
    volatile int* volatile target = NULL;
    *target = code;
    return code;
}

// Writes a line to stderr, then abort(): SIGABRT.
int crash_abort(void)
{
    fprintf(stderr, "about to abort\n");
    abort();
}

// 100 / d: SIGFPE on x86-64 when d is 0.
int crash_fpe(int d)
{
    volatile int divisor = d;
    return 100 / divisor;
}

// Writes a line to stderr, then exit(code) without returning.
int exit_with(int code)
{
    fprintf(stderr, "exiting with %d\n", code);
    fflush(stderr);
    _exit(code);
}

// Sleeps for ms milliseconds, then returns ms.
int sleep_ms(int ms)
{
    usleep((useconds_t)ms * 1000);
    return ms;
}

void fill_u8(uint8_t* data, size_t n, uint8_t value)
{
    for (size_t i = 0; i < n; i++) data[i] = value;
}

uint64_t sum_u8(const uint8_t* data, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += data[i];
    return sum;
}

void histogram_u8(const uint8_t* data, size_t n, uint32_t* bins)
{
    for (size_t i = 0; i < n; i++) bins[data[i]]++;
}

// Fills row r (n bytes) of a table of rows with the value r + 1: an output through T**.
void fill_rows(uint8_t** rows, int count, size_t n)
{
    for (int r = 0; r < count; r++)
        for (size_t i = 0; i < n; i++) rows[r][i] = (uint8_t)(r + 1);
}

// Returns "hello, <name>" in a static buffer.
const char* greet(const char* name)
{
    static char buffer[128];
    snprintf(buffer, sizeof buffer, "hello, %s", name);
    return buffer;
}

// An opaque handle, sqlite3*-style.
struct counter { int value; };

struct counter* counter_new(void)
{
    struct counter* c = malloc(sizeof *c);
    c->value = 0;
    return c;
}

int counter_next(struct counter* c) { return ++c->value; }

void counter_free(struct counter* c) { free(c); }

// Calls f(x): a callback, refused in process isolation.
int apply(int (*f)(int), int x) { return f(x); }

// The helper's environment variable name, or NULL.
const char* env(const char* name) { return getenv(name); }

// Returns 1 if malloc(n) succeeded (the memory is touched and freed), 0 if it returned NULL.
int try_malloc(size_t n)
{
    char* p = malloc(n);
    if (p == NULL) return 0;
    p[0] = 1;
    p[n - 1] = 1;
    free(p);
    return 1;
}

// Maps one page of an empty file and writes to it: the page has no backing, so the write raises SIGBUS.
int crash_bus(void)
{
    char path[] = "/tmp/relaxnative-bus-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    volatile char* page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    fprintf(stderr, "about to touch an unbacked page\n");
    page[0] = 1;
    return 0;
}

// Writes the first half of out, then raises sig: a signal sent by software, not a faulting instruction.
int raise_after_half(uint8_t* out, size_t n, int sig)
{
    memset(out, 0x5A, n / 2);
    raise(sig);
    return 0;
}

// Sleeps for ms milliseconds, then fills data: an output written at the end of a slow call.
void fill_u8_slowly(uint8_t* data, size_t n, uint8_t value, int ms)
{
    usleep((useconds_t)ms * 1000);
    for (size_t i = 0; i < n; i++) data[i] = value;
}

// Adds delta to every byte through a pointer declared const (a cast-away const, as some C libraries do) and returns the
// sum of what it wrote. In a helper process the caller's bytes stay as they were: a const pointee is never copied back.
uint64_t scribble_const(const uint8_t* data, size_t n, uint8_t delta)
{
    uint8_t* writable = (uint8_t*)data;
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) { writable[i] = (uint8_t)(writable[i] + delta); sum += writable[i]; }
    return sum;
}

// Adds delta to every byte: a non-const pointee, read and written, copied back after the call.
void add_u8(uint8_t* data, size_t n, uint8_t delta)
{
    for (size_t i = 0; i < n; i++) data[i] = (uint8_t)(data[i] + delta);
}

// Adds delta to every byte of every row through row pointers declared const (cast away) and returns the sum written:
// in a helper process the caller's rows stay as they were, since the rows of a const T* const* table are never copied back.
uint64_t scribble_const_rows(const uint8_t* const* rows, int count, size_t n, uint8_t delta)
{
    uint64_t sum = 0;
    for (int r = 0; r < count; r++)
    {
        uint8_t* row = (uint8_t*)rows[r];
        for (size_t i = 0; i < n; i++) { row[i] = (uint8_t)(row[i] + delta); sum += row[i]; }
    }

    return sum;
}
