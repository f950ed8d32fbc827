#include "records.h"

struct point point_add(struct point a, struct point b) { struct point r = { a.x + b.x, a.y + b.y }; return r; }
Vector2 vector_scale(Vector2 v, float k) { Vector2 r = { v.x * k, v.y * k }; return r; }
float rectangle_area(Rectangle r) { return r.width * r.height; }
uint32_t color_pack(Color c) { return (uint32_t)c.r << 24 | (uint32_t)c.g << 16 | (uint32_t)c.b << 8 | c.a; }
int draw_rectangle(Rectangle r, Color c) { return (int)(r.x + r.y + r.width + r.height) * 1000 + c.r + c.g + c.b + c.a; }
struct mixed mixed_make(float f, int i, double d) { struct mixed m = { f, i, d }; return m; }
double mixed_sum(struct mixed m) { return m.f + m.i + m.d; }
struct pair pair_swap(struct pair p) { struct pair r = { p.b, p.a }; return r; }
struct big big_make(char c, double d, int i) { struct big b = { c, d, i, { 10, 20 } }; return b; }
double big_sum(struct big b) { return b.c + b.d + b.i + b.l[0] + b.l[1]; }
struct packed packed_make(char c, int i, short s) { struct packed p = { c, i, s }; return p; }
int packed_sum(struct packed p) { return p.c + p.i + p.s; }
float with_array_sum(struct with_array w) { return w.n + w.v[0] + w.v[1] + w.v[2]; }
union number number_from_double(double d) { union number n; n.d = d; return n; }
double number_as_double(union number n) { return n.d; }
int tagged_value(struct tagged t) { return t.kind == 0 ? t.u.i : (int)t.u.f; }
int nested_sum(struct nested n) { return n.tag + n.p.x + n.p.y + (int)n.v.x + (int)n.v.y; }
int many_points(struct point a, struct point b, struct point c, struct point d, double x, struct point e)
{
    return a.x + b.x + c.x + d.x + (int)x + e.x + e.y;
}
int point_apply(struct point p, int (*f)(struct point)) { return f(p) * 2; }
struct point point_make_via(int (*make)(int, int, struct point *), int x, int y) { struct point p = { 0, 0 }; make(x, y, &p); return p; }
Vector2 vector_via(Vector2 (*f)(Vector2), Vector2 v) { Vector2 r = f(v); r.x += 1; return r; }

Vector2 vector_transform(Vector2 (*f)(Vector2, float), Vector2 v, float k)
{
    Vector2 r = f(v, k);
    r.y += 0.5f;
    return r;
}

/* Gives the callback a 40-byte record (MEMORY class: passed on the stack, returned through a hidden pointer) and
 * returns what it gave back, with one field changed so the test sees C read the callback's result. */
struct big big_roundtrip(struct big (*f)(struct big), struct big b)
{
    struct big r = f(b);
    r.l[1] += 1;
    return r;
}

double mixed_via(struct mixed (*f)(struct mixed, int), float f0, int i, double d)
{
    struct mixed m = { f0, i, d };
    struct mixed r = f(m, 3);
    return r.f * 100 + r.i * 10 + r.d;
}

struct pair pair_via(struct pair (*f)(struct pair), double a, double b)
{
    struct pair p = { a, b };
    struct pair r = f(p);
    r.a *= 2;
    return r;
}

double number_via(union number (*f)(union number), double d)
{
    union number n;
    n.d = d;
    return f(n).d;
}

int packed_via(struct packed (*f)(struct packed), char c, int i, short s)
{
    struct packed p = { c, i, s };
    struct packed r = f(p);
    return r.c + r.i + r.s;
}

int many_points_via(int (*f)(struct point, struct point, struct point, struct point, double, struct point, struct point, struct mixed))
{
    struct point a = { 1, 10 }, b = { 2, 20 }, c = { 3, 30 }, d = { 4, 40 }, e = { 6, 60 }, g = { 7, 70 };
    struct mixed m = { 0.25f, 9, 100.5 };
    return f(a, b, c, d, 5.5, e, g, m);
}

static transform_fn s_transform;

void transform_set(transform_fn f) { s_transform = f; }

Vector2 transform_run(Vector2 v, float k)
{
    Vector2 none = { -1, -1 };
    return s_transform ? s_transform(v, k) : none;
}

/* Hands back functions that take and return records by value, as a vtable-style lookup does. */
point_binop point_op(void) { return point_add; }
Vector2 (*vector_op(void))(Vector2, float) { return vector_scale; }

/* Takes and fills records of an anonymous struct (a typedef of one) through pointers. */
float vector_dot(const Vector2* a, const Vector2* b) { return a->x * b->x + a->y * b->y; }
void vector_negate(Vector2* v) { v->x = -v->x; v->y = -v->y; }

/* Writes through NULL when p.x is negative (SIGSEGV): a crash in a function that takes a record by value. */
int point_crash_if_negative(struct point p)
{
    if (p.x < 0)
    {
        volatile int* volatile target = 0;
        *target = p.y;
    }

    return p.x + p.y;
}

/* Keeps the header-only records in this unit's model (they are defined, so they are measured). */
int record_sizes(void)
{
    return (int)(sizeof(struct bits) + sizeof(struct trailing) + sizeof(struct flexible) + sizeof(struct anon)
        + sizeof(struct aligned) + sizeof(struct wide) + sizeof(struct pragma_packed));
}
