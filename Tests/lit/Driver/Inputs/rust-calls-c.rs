// Rust differentiating a function that calls C (Inputs/cube.c, compiled by swad's clang to bitcode and
// linked with the crate by swad-ld): g(x) = cube(x) + 2x, g'(x) = 3x^2 + 2, in both modes.
extern "C" {
    fn cube(x: f64) -> f64;
    fn __enzyme_autodiff_g(f: extern "C" fn(f64) -> f64, x: f64) -> f64;
    fn __enzyme_fwddiff_g(f: extern "C" fn(f64) -> f64, x: f64, dx: f64) -> f64;
}

extern "C" fn g(x: f64) -> f64 {
    unsafe { cube(x) + 2.0 * x }
}

fn main() {
    let x = 1.5f64;
    let (reverse, forward) = unsafe { (__enzyme_autodiff_g(g, x), __enzyme_fwddiff_g(g, x, 1.0)) };
    let want = 3.0 * x * x + 2.0;
    println!("g'({}) = {} (reverse), {} (forward), {} by hand", x, reverse, forward, want);
    std::process::exit(if reverse == want && forward == want { 0 } else { 1 });
}
