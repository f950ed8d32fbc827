#define SHLIB_IMPLEMENTATION
#include "shlib.h"
