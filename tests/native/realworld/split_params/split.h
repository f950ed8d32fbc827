#ifndef SPLIT_H
#define SPLIT_H

/* The width of the second parameter is chosen at build time with -DSPLIT_WIDE. */
long split_sum(int a,
#ifdef SPLIT_WIDE
               long long b
#else
               int b
#endif
);

#ifdef SPLIT_WIDE
int split_is_wide(void);
#endif

int split_version(void);

#endif
