// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A loss that takes its model as a closure parameter (.const), as `fit(loss:model:)` APIs do: a
// closure literal, a closure that captures, a function reference, non-escaping and @escaping. The
// expansion named the type as `(Double, [Double]) -> Double.self` (not Swift) and took the address
// of a non-escaping closure (an error); it now parenthesizes the type and takes the address inside
// `withoutActuallyEscaping`. Gradients against central differences, both modes.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

let samples: [(Double, Double)] = [(0.5, 1.0), (1.5, 0.2), (-1.0, 0.7)]

@autodiffReverse(name: "d_loss", .duplicated, .const, .active)
@autodiffForward(name: "fwd_loss", .dual, .const, .dualOnly)
func loss(p: [Double], model: (Double, [Double]) -> Double) -> Double {
  var s = 0.0
  for (x, y) in samples {
    let r = model(x, p) - y
    s += r * r
  }
  return s
}

@autodiffReverse(name: "d_stored", .duplicated, .const, .active)
func stored(p: [Double], model: @escaping (Double, [Double]) -> Double) -> Double {
  samples.reduce(0) { $0 + model($1.0, p) * $1.1 }
}

func quadratic(_ x: Double, _ p: [Double]) -> Double { p[0] * x * x + p[1] * x + p[2] }

@main struct Main {
  static func main() {
    let p = [0.3, -0.5, 0.8]
    let scale = 2.0
    let models: [(String, (Double, [Double]) -> Double)] = [
      ("literal", { x, p in p[0] * sin(p[1] * x) + p[2] }),
      ("capturing", { x, p in scale * p[0] * x + p[1] * p[2] }),
      ("function", quadratic),
    ]
    for (name, model) in models {
      var dp = [Double](repeating: 0, count: p.count)
      _ = d_loss(p: p, dp: &dp, model: model, seed: 1)
      for i in p.indices {
        let want = centralDifference({ t in var q = p; q[i] = t; return loss(p: q, model: model) }, at: p[i])
        check("\(name) d/dp[\(i)]", dp[i], want, tolerance: 1e-6)
        var v = [Double](repeating: 0, count: p.count)
        v[i] = 1
        check("\(name) forward d/dp[\(i)]", fwd_loss(p: p, dp: v, model: model), dp[i], tolerance: 1e-12)
      }
      var ds = [Double](repeating: 0, count: p.count)
      _ = d_stored(p: p, dp: &ds, model: model, seed: 1)
      for i in p.indices {
        let want = centralDifference({ t in var q = p; q[i] = t; return stored(p: q, model: model) }, at: p[i])
        check("\(name) stored d/dp[\(i)]", ds[i], want, tolerance: 1e-6)
      }
    }
    finish()
  }
}
