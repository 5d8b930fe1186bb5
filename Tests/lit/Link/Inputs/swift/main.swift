// The talk's example from Swift, f(x, y) = x*y + sin(x)*y (defined in model.swift), in both modes,
// checked against the hand-derived gradient (y + cos(x)*y, x + sin(x)); exits 1 on a mismatch.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_xy")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ y: Double) -> (Double, Double)

@_silgen_name("__enzyme_fwddiff_xy")
func tangent(_ f: @convention(c) (Double, Double) -> Double, _ x: Double, _ dx: Double, _ y: Double,
             _ dy: Double) -> Double

let (x, y) = (2.0, 3.0)
let g = gradient({ f($0, $1) }, x, y)
let t = tangent({ f($0, $1) }, x, 0, y, 1)
let want = (y + cos(x) * y, x + sin(x))
let close = { (a: Double, b: Double) in abs(a - b) <= 1e-12 * abs(b) }
print("reverse \(g), forward d/dy \(t)")
guard close(g.0, want.0), close(g.1, want.1), close(t, want.1) else { print("FAIL"); exit(1) }
print("ok")
