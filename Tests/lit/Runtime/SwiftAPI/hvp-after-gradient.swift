// RUN: %swad-api %s -o %t
// RUN: env SWIFT_BACKTRACE=enable=no %t | FileCheck %s
// CHECK: H·v = [2902.0, -600.0]
// Forward over reverse after an ordinary reverse-mode call on the same thread: the reverse sweep
// keeps its finished tape buffer for the next call, and a forward derivative of a reverse sweep must
// not take that buffer (it has no shadow); it starts an empty tape of its own instead.
import SwadAutodiff

func rosenbrock(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var sum = 0.0
  for i in 0..<(n - 1) {
    let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}

@autodiffReverse(name: "d_rosenbrock2", .duplicated, .const, .active)
func rosenbrock2(x: UnsafePointer<Double>, n: Int) -> Double { rosenbrock(x, n) }

@main
struct HVPAfterGradient {
  static func main() {
    // A plain gradient first, then H·v: d²/dx² = 1200x² − 400y + 2, d²/dxdy = −400x at (1.5, −0.5).
    print("∇ =", gradient(of: { x, n in rosenbrock(x, n) }, at: [1.5, -0.5]))
    let hv = hessianVectorProduct(
      ofGradient: { x, dx, n in _ = d_rosenbrock2(x: x, dx: dx, n: n, seed: 1) }, at: [1.5, -0.5], along: [1, 0])
    print("H·v =", hv)
  }
}
