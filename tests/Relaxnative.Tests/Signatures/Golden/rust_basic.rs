use std::ffi::c_char;
use std::os::raw::c_void;

/// Adds two numbers.
/// @cost low
#[no_mangle]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a + b
}

#[no_mangle]
pub unsafe extern "C" fn hash(data: *const u8, len: usize) -> u64 {
    let _ = (data, len);
    0
}

// @async
#[unsafe(no_mangle)]
pub extern "C" fn slow(n: u32) -> f64 {
    n as f64
}

#[no_mangle]
#[inline(never)]
pub extern "C" fn greet(name: *const c_char, out: *mut *mut u8) {
    let _ = (name, out);
}

#[no_mangle]
pub extern "C" fn legacy(name: *const i8, raw: *const std::ffi::c_char, p: *mut c_void) -> bool {
    let _ = (name, raw, p);
    true
}

#[no_mangle]
pub extern "C" fn apply(cb: Option<extern "C" fn(i32) -> i32>, direct: extern "C" fn(x: f32), v: i32) -> i32 {
    let _ = direct;
    cb.map(|f| f(v)).unwrap_or(v)
}

#[no_mangle]
pub extern "C" fn nested(p: *const *mut u8, h: *mut Handle, s: isize) -> *mut Handle {
    let _ = (p, s);
    h
}

pub extern "C" fn not_exported(a: i32) -> i32 {
    let s = "#[no_mangle] pub extern \"C\" fn fake() {}";
    let _ = s;
    a
}

fn private_helper<'a>(x: &'a str) -> &'a str {
    x
}

#[no_mangle]
pub fn rust_abi(a: i32) -> i32 {
    a
}

#[no_mangle]
pub extern "C" fn takes_str(s: &str) -> usize {
    s.len()
}

/* @sync
   @async */
#[no_mangle]
pub extern "C" fn conflicted() {}

#[no_mangle]
pub extern "C" fn never_returns() -> ! {
    loop {}
}

pub struct Handle {
    value: u32,
}

impl Handle {
    pub fn new() -> Self {
        Handle { value: '}' as u32 }
    }
}

#[no_mangle]
pub extern "C" fn char_literals() -> u32 {
    let a = '{';
    let b = '\'';
    a as u32 + b as u32
}
