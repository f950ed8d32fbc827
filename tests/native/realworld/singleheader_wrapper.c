#define SINGLEHEADER_IMPLEMENTATION
#include "singleheader_lib.h"
