// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// Array literals of constants that Swift lays out in a global (`swift_initStaticObject`): one
// passed to a helper that is not inlined, one kept in a class instance, one returned by a function,
// and one copied and then written with an active value (a mutation copies the immortal storage
// first). The literals carry no derivative; the gradients (reverse) and tangents (forward, each
// coordinate) against central differences, and the reverse derivative called again to check that
// nothing of one call reaches the next.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@inline(never) func weighted(_ v: [Double], _ w: [Double]) -> Double {
  var s = 0.0
  for i in 0..<v.count { s += w[i % w.count] * v[i] * v[i] }
  return s
}

final class Scaler {
  let scale: [Double]
  init(scale: [Double]) { self.scale = scale }
  @inline(never) func apply(_ v: [Double]) -> [Double] { zip(v, scale).map { $0 / $1 } }
}

@inline(never) func coefficients() -> [Double] { [0.5, -1.0, 2.0, 0.25] }

@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "fwd_f", .dual, .dual)
func f(x: [Double]) -> Double {
  let weights = [1.0, 2.0, 0.5, 4.0]
  let scaled = Scaler(scale: [1.0, 2.0, 0.5, 4.0]).apply(x)
  let c = coefficients()
  var table = [3.0, -2.0, 1.5]
  table[1] = x[0] * x[1]  // copies the literal's storage, then stores an active value
  var s = weighted(x, weights) + sin(x[0])
  for i in 0..<scaled.count { s += c[i] * scaled[i] * scaled[i] }
  for v in table { s += v * v }
  return s
}

@main
struct StaticArrayLiterals {
  static func main() {
    let x = [0.3, -1.2, 0.8, 2.0]
    let want = x.indices.map { i in
      centralDifference({ t in var y = x; y[i] = t; return f(x: y) }, at: x[i])
    }
    for call in 0..<2 {
      var dx = [Double](repeating: 0, count: x.count)
      let value = d_f(x: x, dx: &dx, seed: 1)
      check("value, call \(call)", value, f(x: x))
      check("gradient, call \(call)", dx, want, tolerance: 1e-6)
    }
    for i in x.indices {
      var tx = [Double](repeating: 0, count: x.count)
      tx[i] = 1
      let (value, tangent) = fwd_f(x: x, dx: tx)
      check("forward value", value, f(x: x))
      check("tangent [\(i)]", tangent, want[i], tolerance: 1e-6)
    }
    finish()
  }
}
