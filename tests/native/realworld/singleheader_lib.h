/* A single-header library: declarations always, definitions where SINGLEHEADER_IMPLEMENTATION is defined. */
#ifndef SINGLEHEADER_LIB_H
#define SINGLEHEADER_LIB_H
#ifndef SH_DEF
#define SH_DEF extern
#endif
SH_DEF int sh_clamp(int value, int low, int high);
SH_DEF unsigned sh_hash(const char *text);
#endif

#ifdef SINGLEHEADER_IMPLEMENTATION
static int sh_min(int a, int b) { return a < b ? a : b; }
int sh_clamp(int value, int low, int high) { return value < low ? low : sh_min(value, high); }
unsigned sh_hash(const char *text)
{
    unsigned hash = 2166136261u;
    while (*text) hash = (hash ^ (unsigned char)*text++) * 16777619u;
    return hash;
}
#endif
