// Called from Rust (Inputs/rust-calls-c.rs).
double cube(double x) { return x * x * x; }
