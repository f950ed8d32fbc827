// add.c: the smallest useful kernel. Two functions with the simplest possible
// signatures, used by the quick start, the binding tests and the load benchmark
// (its cold and warm figures are mostly the cost of Relaxnative itself).

// Returns a + b. Overflow wraps as the C compiler does for int (undefined in
// ISO C, two's complement on every platform Relaxnative supports).
int add(int a, int b)
{
    return a + b;
}

// Does nothing: the cheapest call there is, for measuring call overhead.
void noop(void)
{
}
