// The talk's example from Rust, f(x, y) = x*y + sin(x)*y, through Enzyme's C entry points, in both
// modes, checked against the hand-derived gradient (y + cos(x)*y, x + sin(x)); exits 1 on a mismatch.

#[repr(C)]
struct Gradient {
    dx: f64,
    dy: f64,
}

extern "C" {
    fn __enzyme_autodiff_xy(f: extern "C" fn(f64, f64) -> f64, x: f64, y: f64) -> Gradient;
    fn __enzyme_fwddiff_xy(f: extern "C" fn(f64, f64) -> f64, x: f64, dx: f64, y: f64, dy: f64) -> f64;
}

extern "C" fn f(x: f64, y: f64) -> f64 {
    x * y + x.sin() * y
}

fn main() {
    let (x, y) = (2.0f64, 3.0f64);
    let g = unsafe { __enzyme_autodiff_xy(f, x, y) };
    let t = unsafe { __enzyme_fwddiff_xy(f, x, 0.0, y, 1.0) };
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-12 * b.abs();
    println!("reverse ({}, {}), forward d/dy {}", g.dx, g.dy, t);
    let ok = close(g.dx, y + x.cos() * y) && close(g.dy, x + x.sin()) && close(t, x + x.sin());
    println!("{}", if ok { "ok" } else { "FAIL" });
    std::process::exit(if ok { 0 } else { 1 });
}
