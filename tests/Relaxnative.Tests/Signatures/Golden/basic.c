/* A small library exercising the everyday C spellings. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <stdlib.h>

#define SQUARE(x) ((x) * (x))
#define LONG_MACRO(a, b) \
    int fake_function(int a) { \
        return a + b; \
    }

int add(int a, int b) {
    return a + b;
}

uint32_t hash32(const uint8_t* data, size_t length) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < length; i++) { h = (h ^ data[i]) * 16777619u; }
    return h;
}

int64_t widen(int32_t value, uint64_t other) { return (int64_t)value + (int64_t)other; }

size_t count_bytes(const char* text) { return strlen(text); }

static int helper(int x) { return x * 2; }

static inline int inline_helper(int x) { return x + 1; }

int prototype_only(int x);

char* duplicate(const char* s) {
    size_t n = strlen(s) + 1;
    char* copy = malloc(n);
    memcpy(copy, s, n);
    return copy;
}

void *make_buffer(size_t size) { return calloc(1, size); }

void fill(long* out, size_t* sizes, int values[], int count) {
    for (int i = 0; i < count; i++) { out[i] = values[i]; sizes[i] = 1; }
}

int sum_argv(int argc, const char *argv[]) { return argc + (argv != NULL); }

void no_args(void) { }

int empty_parens() { return 0; }

int uses_names(int interval, int print_count, uint32_t size_int) {
    return interval + print_count + (int)size_int;
}

struct point { int x; int y; };

typedef struct {
    double re, im;
} complex_t;

enum color { RED, GREEN = 2, BLUE };

struct point make_point(int x, int y) { struct point p = { x, y }; return p; }

enum color next_color(enum color c) { return (enum color)((c + 1) % 3); }

int apply(int (*fn)(int, int), int a, int b) { return fn(a, b); }

int log_message(const char* fmt, ...) { (void)fmt; return 0; }

unsigned long long int big(long unsigned x, int long y) { return x + (unsigned long long)y; }
