#include "multifile_api.h"
/* @cost low */
int mf_add(int a, int b) { return a + b; }
