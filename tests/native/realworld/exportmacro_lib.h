/* A library whose every public function is MYLIB_API(type) name(...), built with -fvisibility=hidden. */
#ifndef EXPORTMACRO_LIB_H
#define EXPORTMACRO_LIB_H
#if defined(_WIN32)
#  define MYLIB_API(type) __declspec(dllexport) type
#else
#  define MYLIB_API(type) __attribute__((visibility("default"))) type
#endif

typedef struct mylib_pair { int a; int b; } mylib_pair;

MYLIB_API(int) mylib_add(int a, int b);
MYLIB_API(const char *) mylib_version(void);
MYLIB_API(double) mylib_scale(double value, double factor);
MYLIB_API(int) mylib_sum(int count, ...);
MYLIB_API(int) mylib_pair_sum(mylib_pair pair);
#endif
