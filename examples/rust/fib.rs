//! fib.rs: a Rust library with a C ABI. `#[no_mangle]` keeps the symbol name
//! and `extern "C"` the calling convention; `unsafe` marks a function whose
//! caller must uphold a contract (here: a valid pointer), which Relaxnative
//! binds the same way.

/// Returns the n-th Fibonacci number (fib(0) = 0, fib(1) = 1), iteratively.
/// Values past fib(93) do not fit in 64 bits and wrap around.
#[no_mangle]
pub extern "C" fn fib(n: u32) -> u64 {
    let (mut a, mut b) = (0u64, 1u64);
    for _ in 0..n {
        let next = a.wrapping_add(b);
        a = b;
        b = next;
    }
    a
}

/// Returns the sum of the `n` i32 values at `p`, widened to i64 so it cannot
/// overflow. Returns 0 when `n` is 0 (then `p` may be null).
///
/// # Safety
/// Unless `n` is 0, `p` must point to `n` readable, initialised i32 values.
#[no_mangle]
pub unsafe extern "C" fn sum_i32(p: *const i32, n: usize) -> i64 {
    if n == 0 {
        return 0;
    }
    let values = std::slice::from_raw_parts(p, n);
    values.iter().map(|&v| i64::from(v)).sum()
}
