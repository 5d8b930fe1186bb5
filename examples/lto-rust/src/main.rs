//! The talk's example, f(x, y) = x*y + sin(x)*y, and a sum of squares over a slice, differentiated by
//! swad through Enzyme's C entry points, in both modes, checked against hand-derived derivatives.
//! Exits 1 on a mismatch.

#[repr(C)]
struct Gradient {
    dx: f64,
    dy: f64,
}

extern "C" {
    static enzyme_dup: i32;
    static enzyme_const: i32;
    fn __enzyme_autodiff_xy(f: extern "C" fn(f64, f64) -> f64, x: f64, y: f64) -> Gradient;
    fn __enzyme_fwddiff_xy(f: extern "C" fn(f64, f64) -> f64, x: f64, dx: f64, y: f64, dy: f64) -> f64;
    fn __enzyme_autodiff_energy(
        f: extern "C" fn(*const f64, usize, f64) -> f64,
        dup: i32, x: *const f64, dx: *mut f64,
        c1: i32, n: usize,
        c2: i32, k: f64,
    );
}

extern "C" fn f(x: f64, y: f64) -> f64 {
    x * y + x.sin() * y
}

/// k * sum of x_i^2 + cos(x_i), over a raw slice (C's calling convention).
extern "C" fn energy(x: *const f64, n: usize, k: f64) -> f64 {
    let x = unsafe { std::slice::from_raw_parts(x, n) };
    x.iter().map(|&v| k * v * v + v.cos()).sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs()
}

fn main() {
    let (x, y) = (2.0f64, 3.0f64);
    let g = unsafe { __enzyme_autodiff_xy(f, x, y) };
    let t = unsafe { __enzyme_fwddiff_xy(f, x, 1.0, y, 0.0) };
    let mut ok = close(g.dx, y + x.cos() * y) && close(g.dy, x + x.sin()) && close(t, y + x.cos() * y);
    println!("f: reverse ({}, {}), forward d/dx {}", g.dx, g.dy, t);

    let v = [0.5, -1.0, 2.0];
    let mut dv = [0.0; 3];
    let k = 1.5;
    unsafe {
        __enzyme_autodiff_energy(energy, enzyme_dup, v.as_ptr(), dv.as_mut_ptr(), enzyme_const, v.len(), enzyme_const, k);
    }
    for i in 0..3 {
        ok &= close(dv[i], 2.0 * k * v[i] - v[i].sin());
    }
    println!("energy: gradient {:?}", dv);
    println!("{}", if ok { "ok" } else { "FAIL" });
    std::process::exit(if ok { 0 } else { 1 });
}
