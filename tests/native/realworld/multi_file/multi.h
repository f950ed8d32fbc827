#ifndef MULTI_H
#define MULTI_H

typedef struct multi_counter multi_counter;

/* counter.c */
multi_counter *multi_counter_new(int start);
int multi_counter_next(multi_counter *counter);
void multi_counter_free(multi_counter *counter);

/* text.c */
int multi_text_length(const char *text);
char multi_text_first(const char *text);

/* math.c */
int multi_gcd(int a, int b);
double multi_mean(const double *values, int count);

#endif
