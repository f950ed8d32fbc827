#include "multifile_api.h"
// @async
int mf_mul(int a, int b) { return a * b; }
const char *mf_name(void) { return "multifile"; }
