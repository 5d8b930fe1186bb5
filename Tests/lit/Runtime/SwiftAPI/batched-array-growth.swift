// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: 8 checks passed
// Batched reverse mode through a Swift array that grows by append (its storage reallocated as it
// does, each lane's shadow storage with it): two lanes seeded 1 and -2, against derivatives by hand.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffReverse(name: "d_grow", width: 2, .duplicated, .active)
func grow(x: [Double]) -> Double {
  var terms: [Double] = []
  for v in x { terms.append(v * v) }
  for v in x { terms.append(sin(v)) }
  var s = 0.0
  for (i, t) in terms.enumerated() { s += t * Double(i + 1) }
  return s
}

@main
struct BatchedArrayGrowth {
  static func main() {
    let x = [0.3, -0.7, 1.1, 0.4]
    var dx0 = [Double](repeating: 0, count: x.count), dx1 = dx0
    _ = d_grow(x: x, dx_0: &dx0, dx_1: &dx1, seed_0: 1.0, seed_1: -2.0)
    for i in x.indices {
      // ∂/∂x_i of Σ (i+1)·x_i² + Σ (i+5)·sin x_i
      let want = 2 * x[i] * Double(i + 1) + cos(x[i]) * Double(i + 5)
      check("lane 0 dx[\(i)]", dx0[i], want)
      check("lane 1 dx[\(i)]", dx1[i], -2 * want)
    }
    finish()
  }
}
