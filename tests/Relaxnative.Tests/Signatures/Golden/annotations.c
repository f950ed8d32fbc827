#include <stdint.h>

// @async
// @cost high
int slow(int n) { return n; }

int after_slow(int n) { return n; }

/* @sync @cost low @trivial */
int fast(int n) { return n; }

/**
 * Computes things.
 * @param n the input
 * @async
 * @cost medium
 */
int documented(int n) { return n; }

// @async

int blank_line_breaks(int n) { return n; }

// @async
#define SOMETHING 1
int directive_breaks(int n) { return n; }

/* @async */ int same_line(int n) { return n; }

int code_before(int n) { return n; } // @async
int not_annotated(int n) { return n; }

// @sync
// @async
int conflicted(int n) { return n; }

// @cost extreme
int bad_cost(int n) { return n; }

// mail me at someone@async.example
int email_is_not_annotation(int n) { return n; }

// @trivial
static int static_annotated(int n) { return n; }

int after_static(int n) { return n; }

// @cost LOW
int upper_cost(int n) { return n; }
