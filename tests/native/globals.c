/* A library that exports state as well as functions, as zlib exports z_errmsg, readline rl_line_buffer, getopt
   optind/opterr and ncurses LINES/COLS: a version string, a counter the library bumps, a tunable, a read-only table. */
#include <stddef.h>

const char *lib_version = "2.4.1";
int lib_error_count;
double lib_scale = 1.5;
extern const unsigned char lib_crc_table[8];
const unsigned char lib_crc_table[8] = {1, 2, 3, 4, 5, 6, 7, 8};
long lib_history[4] = {10, 20, 30, 40};
static int lib_hidden_state = 3;

void lib_fail(void) { lib_error_count++; lib_hidden_state++; }

int lib_errors(void) { return lib_error_count; }

double lib_scaled(double x) { return x * lib_scale; }

long lib_history_sum(void) { return lib_history[0] + lib_history[1] + lib_history[2] + lib_history[3]; }
