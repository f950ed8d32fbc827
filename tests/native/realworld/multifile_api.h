/* One header declares what several files define. */
int mf_add(int a, int b);
int mf_mul(int a, int b);
const char *mf_name(void);
