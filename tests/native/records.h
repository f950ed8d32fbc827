/* Records of every shape the System V classifier distinguishes, and layouts a hand-written rule gets wrong. */
#ifndef RECORDS_H
#define RECORDS_H
#include <stdint.h>

struct point { int x; int y; };                        /* 8 bytes: one INTEGER eightbyte */
typedef struct point point_t;
typedef struct { float x, y; } Vector2;                /* 8 bytes: one SSE eightbyte */
typedef struct { float x, y, width, height; } Rectangle; /* 16 bytes: SSE, SSE */
typedef struct { unsigned char r, g, b, a; } Color;    /* 4 bytes: INTEGER */
struct mixed { float f; int i; double d; };            /* 16 bytes: INTEGER (f and i share one), SSE */
struct pair { double a, b; };                          /* 16 bytes: SSE, SSE */
struct big { char c; double d; int i; long l[2]; };    /* 40 bytes: MEMORY */
struct __attribute__((packed)) packed { char c; int i; short s; }; /* 7 bytes, misaligned i */
struct with_array { int n; float v[3]; };              /* 16 bytes: INTEGER+SSE, SSE */
union number { int i; float f; double d; };            /* 8 bytes: union of int and floats: INTEGER */
struct tagged { int kind; union { int i; float f; } u; }; /* 8 bytes: INTEGER */
struct nested { char tag; struct point p; Vector2 v; };   /* 20 bytes, nested records */
struct bits { unsigned a : 3; int b : 7; unsigned : 0; unsigned char c : 2; _Bool flag : 1; long tail; };
struct trailing { double d; char c; };                 /* 16 bytes: trailing padding */
struct flexible { int count; double values[]; };       /* flexible array member */
struct anon { int kind; union { struct { short lo, hi; }; int whole; }; };
struct aligned { char c; _Alignas(16) int x; };        /* 32 bytes, align 16 */
struct wide { long double ld; char c; };               /* long double member: 32 bytes on x86-64 */
#pragma pack(push, 1)
struct pragma_packed { char c; double d; };            /* 9 bytes */
#pragma pack(pop)

struct point point_add(struct point a, struct point b);
Vector2 vector_scale(Vector2 v, float k);
float rectangle_area(Rectangle r);
uint32_t color_pack(Color c);
int draw_rectangle(Rectangle r, Color c);
struct mixed mixed_make(float f, int i, double d);
double mixed_sum(struct mixed m);
struct pair pair_swap(struct pair p);
struct big big_make(char c, double d, int i);
double big_sum(struct big b);
struct packed packed_make(char c, int i, short s);
int packed_sum(struct packed p);
float with_array_sum(struct with_array w);
union number number_from_double(double d);
double number_as_double(union number n);
int tagged_value(struct tagged t);
int nested_sum(struct nested n);
int many_points(struct point a, struct point b, struct point c, struct point d, double x, struct point e);
int point_apply(struct point p, int (*f)(struct point));
struct point point_make_via(int (*make)(int, int, struct point *), int x, int y);
Vector2 vector_via(Vector2 (*f)(Vector2), Vector2 v);

/* Callbacks that take and return records by value: native code calls .NET with every System V class. */
typedef Vector2 (*transform_fn)(Vector2, float);
Vector2 vector_transform(Vector2 (*f)(Vector2, float), Vector2 v, float k);
struct big big_roundtrip(struct big (*f)(struct big), struct big b);
double mixed_via(struct mixed (*f)(struct mixed, int), float f0, int i, double d);
struct pair pair_via(struct pair (*f)(struct pair), double a, double b);
double number_via(union number (*f)(union number), double d);
int packed_via(struct packed (*f)(struct packed), char c, int i, short s);
/* Six points fill the integer registers, so g goes on the stack, and so does all of m (it needs one). */
int many_points_via(int (*f)(struct point, struct point, struct point, struct point, double, struct point, struct point, struct mixed));
void transform_set(transform_fn f);
Vector2 transform_run(Vector2 v, float k);
int point_crash_if_negative(struct point p);
/* Function pointers to record-taking functions, handed back by a lookup. */
typedef struct point (*point_binop)(struct point, struct point);
point_binop point_op(void);
float vector_dot(const Vector2* a, const Vector2* b);
void vector_negate(Vector2* v);
Vector2 (*vector_op(void))(Vector2, float);
#endif
