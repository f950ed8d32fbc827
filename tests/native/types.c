/* One function per row of the type table: each echoes its argument (or combines several), so a test can check
   that every C type round-trips through Relaxnative unchanged. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

bool not_bool(bool v) { return !v; }
char echo_char(char v) { return v; }
signed char echo_schar(signed char v) { return v; }
int8_t echo_i8(int8_t v) { return v; }
unsigned char echo_uchar(unsigned char v) { return v; }
uint8_t echo_u8(uint8_t v) { return v; }
short echo_short(short v) { return v; }
int16_t echo_i16(int16_t v) { return v; }
unsigned short echo_ushort(unsigned short v) { return v; }
uint16_t echo_u16(uint16_t v) { return v; }
int echo_int(int v) { return v; }
int32_t echo_i32(int32_t v) { return v; }
unsigned echo_unsigned(unsigned v) { return v; }
uint32_t echo_u32(uint32_t v) { return v; }
long echo_long(long v) { return v; }
long long echo_llong(long long v) { return v; }
int64_t echo_i64(int64_t v) { return v; }
ssize_t echo_ssize(ssize_t v) { return v; }
ptrdiff_t echo_ptrdiff(ptrdiff_t v) { return v; }
intptr_t echo_intptr(intptr_t v) { return v; }
unsigned long echo_ulong(unsigned long v) { return v; }
unsigned long long echo_ullong(unsigned long long v) { return v; }
uint64_t echo_u64(uint64_t v) { return v; }
size_t echo_size(size_t v) { return v; }
uintptr_t echo_uintptr(uintptr_t v) { return v; }
float echo_float(float v) { return v; }
double echo_double(double v) { return v; }

enum color { RED = 1, GREEN = 5, BLUE = 9 };
enum color next_color(enum color c) { return c == RED ? GREEN : BLUE; }

/* Mixed integer and floating arguments exercise both register files of the calling convention. */
double mix(int8_t a, uint16_t b, int32_t c, uint64_t d, float e, double f, int64_t g, double h)
{
    return (double)a + b + c + (double)d + e + f + (double)g + h;
}

int64_t sum_i32(const int32_t* values, size_t n)
{
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += values[i];
    return sum;
}

void fill_i64(int64_t* out, size_t n, int64_t value)
{
    for (size_t i = 0; i < n; i++) out[i] = value + (int64_t)i;
}

double sum_f64(const double* values, size_t n)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++) sum += values[i];
    return sum;
}

const char* greeting(void) { return "hello from C"; }
void* null_pointer(void) { return NULL; }

struct opaque;
static int opaque_storage;
struct opaque* make_opaque(void) { return (struct opaque*)&opaque_storage; }
int opaque_is_valid(struct opaque* p) { return p == (struct opaque*)&opaque_storage; }

size_t total_length(const char** strings, size_t n)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) total += strings[i] ? strlen(strings[i]) : 0;
    return total;
}

int64_t sum_rows(const int64_t** rows, size_t row_count, size_t columns)
{
    int64_t sum = 0;
    for (size_t r = 0; r < row_count; r++)
        for (size_t c = 0; c < columns; c++) sum += rows[r][c];
    return sum;
}

void store_pointer(void** out, void* value) { *out = value; }

int apply(int (*f)(int), int x) { return f(x); }
int apply_twice(int (*f)(int), int x) { return f(f(x)); }
double apply_double(double (*f)(double, int), double x) { return f(x, 2); }
void call_void(void (*f)(void)) { f(); }

static int (*saved)(int);
void save_callback(int (*f)(int)) { saved = f; }
int call_saved(int x) { return saved ? saved(x) : -1; }

int add(int a, int b) { return a + b; }
void noop(void) { }
uint64_t sum_u8(const uint8_t* data, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) sum += data[i];
    return sum;
}

/* Every integer width at once, each widened by its own signedness: for trivial calls, whose arguments travel as 64-bit words. */
int64_t sum_widths(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f)
{
    return (int64_t)a + b + c + d + e + f;
}
