// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// Hessian-vector products by forward over reverse, as the talk's appendix composes them: the
// gradient that @autodiffReverse generates is itself differentiated in forward mode, by
// hessianVectorProduct(ofGradient:) and by an @autodiffForward on a wrapper of it. Checked against
// the Hessian by hand.
//
// These run first in the program on purpose: a reverse-mode call made earlier on the same thread
// breaks forward-over-reverse today (hvp-after-gradient.swift pins that).
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// f(x) = Σ sin(xᵢ)·xᵢ₊₁ (cyclically) + x₀²·x₁.
@autodiffReverse(name: "d_f", .duplicated, .const, .active)
func f(x: UnsafePointer<Double>, n: Int) -> Double {
  var sum = x[0] * x[0] * x[1]
  for i in 0..<n { sum += sin(x[i]) * x[(i + 1) % n] }
  return sum
}

/// The gradient as a function that adds ∇f(x) into g (seed 1); its forward derivative along v is H·v.
@autodiffForward(name: "hvp", .dual, .dual, .const)
func gradientOfF(x: UnsafePointer<Double>, g: UnsafeMutablePointer<Double>, n: Int) {
  _ = d_f(x: x, dx: g, n: n, seed: 1)
}

func hessian(_ x: [Double]) -> [[Double]] {
  let n = x.count
  var h = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for i in 0..<n {
    let next = (i + 1) % n
    h[i][i] += -sin(x[i]) * x[next]
    h[i][next] += cos(x[i])
    h[next][i] += cos(x[i])
  }
  h[0][0] += 2 * x[1]
  h[0][1] += 2 * x[0]
  h[1][0] += 2 * x[0]
  return h
}

@main
struct HessianVectorProduct {
  static func main() {
    let x = [0.3, -1.2, 2.0, 0.7]
    let v = [1.0, 0.5, -2.0, 0.25]
    let h = hessian(x)
    let want = h.map { row in zip(row, v).map(*).reduce(0, +) }

    // The helper, given the generated gradient.
    let hv = hessianVectorProduct(ofGradient: { x, dx, n in _ = d_f(x: x, dx: dx, n: n, seed: 1) }, at: x, along: v)
    check("H·v by hessianVectorProduct", hv, want, tolerance: 1e-12)

    // The macros alone: hvp(x, dx: v, g, dg, n) leaves ∇f in g and H·v in dg.
    var g = [Double](repeating: 0, count: 4)
    var dg = [Double](repeating: 0, count: 4)
    x.withUnsafeBufferPointer { x in
      v.withUnsafeBufferPointer { v in
        g.withUnsafeMutableBufferPointer { g in
          dg.withUnsafeMutableBufferPointer { dg in
            hvp(x: x.baseAddress!, dx: v.baseAddress!, g: g.baseAddress!, dg: dg.baseAddress!, n: 4)
          }
        }
      }
    }
    check("H·v by @autodiffForward over @autodiffReverse", dg, want, tolerance: 1e-12)
    var gradient = [Double](repeating: 0, count: 4)
    for i in 0..<4 {
      gradient[i] += cos(x[i]) * x[(i + 1) % 4]
      gradient[(i + 1) % 4] += sin(x[i])
    }
    gradient[0] += 2 * x[0] * x[1]
    gradient[1] += x[0] * x[0]
    check("∇f alongside", g, gradient, tolerance: 1e-12)

    // Every column of H from unit vectors.
    for j in 0..<4 {
      var e = [Double](repeating: 0, count: 4)
      e[j] = 1
      let column = hessianVectorProduct(ofGradient: { x, dx, n in _ = d_f(x: x, dx: dx, n: n, seed: 1) }, at: x, along: e)
      check("H column \(j)", column, h.map { $0[j] }, tolerance: 1e-12)
    }
    finish()
  }
}
