// Comments, strings and preprocessor lines that look like code must not confuse the scanner.
#include <stdio.h>
#ifdef __cplusplus
extern "C" {
#endif

/* int commented_out(int a) { return a; } */
// int also_commented(int a) { return a; }

static const char* s_text = "int not_a_function(void) { return 1; }";
static const char s_brace = '{';
static const char s_quote = '\'';
static const char* s_escaped = "a \"quoted { brace\" here";

#define EXPORT __attribute__((visibility("default")))
#define RN_EXPORT EXPORT
#define API

EXPORT int exported(int a) {
    const char* inner = "}";
    char c = '}';
    (void)inner; (void)c;
    return a; /* } */
}

RN_EXPORT const char* version(void) { return "1.0 {beta}"; }

API double scale(double v, float f) { return v * f; }

__attribute__((visibility("default"))) int visible(int a) { return a; }

__attribute__((visibility("hidden"))) int hidden(int a) { return a; }

int
multi_line(
    int a,      /* first */
    int b       // second
)
{
    if (a) {
        return b;
    }
    return a;
}

int arr[] = { 1, 2, 3 };
struct { int x; } anonymous = { 1 };

#if 0
int disabled(int a) { return a; }
#endif

int with_ifdef(int a
#ifdef EXTRA
    , int b
#endif
) { return a; }

FILE* open_file(const char* path);
void* (*get_allocator(void))(size_t) { return 0; }

inline int plain_inline(int a) { return a; }

int volatile_params(volatile int* p, int* restrict q) { return *p + *q; }

#ifdef __cplusplus
}
#endif
