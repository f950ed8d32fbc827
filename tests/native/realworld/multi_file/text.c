#include "multi.h"

static int is_end(char c)
{
    return c == '\0';
}

int multi_text_length(const char *text)
{
    int n = 0;
    while (!is_end(text[n])) {
        n++;
    }
    return n;
}

char multi_text_first(const char *text)
{
    return text[0];
}
