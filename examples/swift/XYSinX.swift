// The talk's running example, f(x, y) = x·y + sin(x)·y, differentiated both ways:
//   reverse: #[autodiff_reverse(df, Active, Active, Active)]  ->  df(x, y, seed) -> (f, ∂f/∂x, ∂f/∂y)
//   forward: #[autodiff_forward(df, Dual, Dual, Dual)]         ->  df(x, dx, y, dy) -> (f, df)
// and the derivatives compared with the hand-derived ones: ∂f/∂x = y + cos(x)·y, ∂f/∂y = x + sin(x).
//
// Run: examples/swift/run XYSinX
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffReverse(name: "df", .active, .active, .active)
@autodiffForward(name: "d_f", .dual, .dual, .dual)
func f(x: Double, y: Double) -> Double {
  x * y + sin(x) * y
}

@main
struct XYSinX {
  static func main() {
    let (x, y) = (1.2, 3.4)
    print("f(x, y) = x·y + sin(x)·y at x = \(x), y = \(y)")

    // Reverse mode: one call gives the value and the whole gradient.
    let (value, dx, dy) = df(x: x, y: y, seed: 1)
    print("reverse: f = \(value), ∂f/∂x = \(dx), ∂f/∂y = \(dy)")

    // Forward mode: one call per direction, as the talk's dual numbers do it.
    let (_, tx) = d_f(x: x, dx: 1, y: y, dy: 0)
    let (_, ty) = d_f(x: x, dx: 0, y: y, dy: 1)
    print("forward: ∂f/∂x = \(tx), ∂f/∂y = \(ty)")

    print("by hand: ∂f/∂x = \(y + cos(x) * y), ∂f/∂y = \(x + sin(x))")
  }
}
