/* By-value records for RecordCallBenchmarks: one SSE-class, one mixed 16-byte, one memory-class record. */
typedef struct { float x, y; } Vector2;
struct mixed { float f; int i; double d; };
struct big { char c; double d; int i; long l[2]; };

Vector2 vector_scale(Vector2 v, float k) { Vector2 r = { v.x * k, v.y * k }; return r; }
double mixed_sum(struct mixed m) { return m.f + m.i + m.d; }
long big_sum(struct big b) { return b.c + (long)b.d + b.i + b.l[0] + b.l[1]; }
