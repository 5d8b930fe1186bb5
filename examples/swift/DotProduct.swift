// The talk's dot product, f(x, w) = Σ xᵢ·wᵢ:
//   reverse: #[autodiff_reverse(d_f_dot, Duplicated, Duplicated, Active)]
//            d_f_dot(x, dx, w, dw, seed) -> f; ∂f/∂x = w is ADDED into dx, ∂f/∂w = x into dw
//   forward: #[autodiff_forward(d_f_dot, Dual, Dual, Dual)]
//            d_f_dot(x, dx, w, dw) -> (f, df); one call per coordinate for a gradient,
//            or all coordinates at once with width n and .dualv (one shadow holding n directions).
//
// Run: examples/swift/run DotProduct
import SwadAutodiff

@autodiffReverse(name: "d_f_dot", .duplicated, .duplicated, .active)
@autodiffForward(name: "fwd_f_dot", .dual, .dual, .dual)
func f_dot(x: [Double], w: [Double]) -> Double {
  var sum = 0.0
  for i in x.indices { sum += x[i] * w[i] }
  return sum
}

/// The same function of buffer pointers, all four coordinates' tangents in one call.
@autodiffForward(name: "jvp_f_dot4", width: 4, .dualv, .const, .dualvOnly)
func f_dot4(x: UnsafeBufferPointer<Double>, w: UnsafeBufferPointer<Double>) -> Double {
  var sum = 0.0
  for i in x.indices { sum += x[i] * w[i] }
  return sum
}

@main
struct DotProduct {
  static func main() {
    let x = [1.0, 2.0, 3.0, 4.0]
    let w = [0.5, -1.0, 2.0, 0.25]
    print("x = \(x), w = \(w)")

    // Reverse: the shadows must have the sizes of x and w; the gradients are added into them.
    var dx = [Double](repeating: 0, count: x.count)
    var dw = [Double](repeating: 0, count: w.count)
    let value = d_f_dot(x: x, dx: &dx, w: w, dw: &dw, seed: 1)
    print("reverse: f = \(value), ∂f/∂x = \(dx), ∂f/∂w = \(dw)")

    // Forward, the talk's loop: one call per coordinate of x.
    var gradient = [Double](repeating: 0, count: x.count)
    var direction = [Double](repeating: 0, count: x.count)
    let zero = [Double](repeating: 0, count: w.count)
    for i in x.indices {
      direction[i] = 1
      gradient[i] = fwd_f_dot(x: x, dx: direction, w: w, dw: zero).1
      direction[i] = 0
    }
    print("forward, coordinate by coordinate: ∂f/∂x = \(gradient)")

    // Forward, batched: the identity's four columns in one shadow, four tangents back.
    let identity = (0..<16).map { $0 % 5 == 0 ? 1.0 : 0.0 }
    let tangents = x.withUnsafeBufferPointer { x in
      w.withUnsafeBufferPointer { w in
        identity.withUnsafeBufferPointer { identity in jvp_f_dot4(x: x, dx: identity, w: w) }
      }
    }
    print("forward, width 4: ∂f/∂x = \(tangents)")
  }
}
