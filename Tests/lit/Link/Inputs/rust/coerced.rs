// Adjoints returned as #[repr(C)] structs of f32, which the C ABI returns in SSE registers: in the IR,
// __enzyme_autodiff returns { double, double } holding four floats, { double, float } holding three.
// Exits 1 on a mismatch.
#[repr(C)]
#[derive(Debug, PartialEq)]
struct Adjoints {
    a: f32,
    b: f32,
    c: f32,
    d: f32,
}

#[repr(C)]
#[derive(Debug, PartialEq)]
struct Three {
    a: f32,
    b: f32,
    c: f32,
}

extern "C" {
    fn __enzyme_autodiff_t(f: extern "C" fn(f32, f32, f32) -> f32, a: f32, b: f32, c: f32) -> Three;
    fn __enzyme_autodiff_h(f: extern "C" fn(f32, f32, f32, f32) -> f32, a: f32, b: f32, c: f32, d: f32) -> Adjoints;
}

// h = a*b + c*d^2: (dh/da, dh/db, dh/dc, dh/dd) = (b, a, d^2, 2cd)
extern "C" fn h(a: f32, b: f32, c: f32, d: f32) -> f32 {
    a * b + c * d * d
}

// t = abc: (bc, ac, ab); three f32 come back as { double, float }
extern "C" fn t(a: f32, b: f32, c: f32) -> f32 {
    a * b * c
}

fn main() {
    let g = unsafe { __enzyme_autodiff_h(h, 1.0, 2.0, 3.0, 4.0) };
    let g3 = unsafe { __enzyme_autodiff_t(t, 1.0, 2.0, 3.0) };
    println!("{:?} {:?}", g, g3);
    let ok = g == Adjoints { a: 2.0, b: 1.0, c: 16.0, d: 24.0 } && g3 == Three { a: 6.0, b: 3.0, c: 2.0 };
    println!("{}", if ok { "ok" } else { "FAIL" });
    std::process::exit(if ok { 0 } else { 1 });
}
