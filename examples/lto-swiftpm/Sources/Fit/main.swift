// The talk's f(x, y) = x·y + sin(x)·y with SwadAutodiff's macros, in both modes, checked against the
// derivatives by hand; then a least-squares line fitted by gradient descent. Exits 1 on a mismatch.
#if canImport(Glibc)
  import Glibc
#endif
import SwadAutodiff

@autodiffReverse(name: "df", .active, .active, .active)
@autodiffForward(name: "d_f", .dual, .dual, .dual)
func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }

let (x, y) = (1.2, 3.4)
let (value, dx, dy) = df(x: x, y: y, seed: 1)
let (_, tangent) = d_f(x: x, dx: 0, y: y, dy: 1)
let close = { (a: Double, b: Double) in abs(a - b) <= 1e-12 * abs(b) }
print("f = \(value), ∂f/∂x = \(dx), ∂f/∂y = \(dy), forward ∂f/∂y = \(tangent)")
guard close(dx, y + cos(x) * y), close(dy, x + sin(x)), close(tangent, x + sin(x)) else {
  print("FAIL")
  exit(1)
}
print("ok")
