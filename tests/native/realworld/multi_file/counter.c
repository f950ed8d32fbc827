#include "multi.h"

#include <stdlib.h>

struct multi_counter { int value; };

static int step(void)
{
    return 1;
}

multi_counter *multi_counter_new(int start)
{
    multi_counter *counter = (multi_counter *)malloc(sizeof(multi_counter));
    counter->value = start;
    return counter;
}

int multi_counter_next(multi_counter *counter)
{
    counter->value += step();
    return counter->value;
}

void multi_counter_free(multi_counter *counter)
{
    free(counter);
}
