// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// SwadAutodiff's helpers over C function pointers: the gradient of a function of an array or a
// buffer, Jacobian-vector and vector-Jacobian products, the Jacobian; checked against hand-derived
// derivatives, central differences, and each other (uᵀ(J·v) = (uᵀJ)·v needs no reference).
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Rosenbrock's function in n dimensions.
func rosenbrock(_ x: UnsafePointer<Double>, _ n: Int) -> Double {
  var sum = 0.0
  for i in 0..<(n - 1) {
    let a = x[i + 1] - x[i] * x[i], b = 1 - x[i]
    sum += 100 * a * a + b * b
  }
  return sum
}

/// R³ → R²: (x·y·z, sin(x) + y² − exp(z)).
func field(_ x: UnsafePointer<Double>, _ n: Int, _ y: UnsafeMutablePointer<Double>, _ m: Int) {
  y[0] = x[0] * x[1] * x[2]
  y[1] = sin(x[0]) + x[1] * x[1] - exp(x[2])
}

@main
struct Helpers {
  static func main() {
    let x = [1.5, -0.5, 0.3, 2.0]
    let (value, grad) = valueWithGradient(of: { x, n in rosenbrock(x, n) }, at: x)
    check("rosenbrock", value, x.withUnsafeBufferPointer { rosenbrock($0.baseAddress!, 4) })
    var want = [Double](repeating: 0, count: 4)
    for i in 0..<3 {
      want[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i])
      want[i + 1] += 200 * (x[i + 1] - x[i] * x[i])
    }
    check("∇rosenbrock", grad, want)
    check("gradient(of:at:)", gradient(of: { x, n in rosenbrock(x, n) }, at: x), want)

    // Buffers, the gradient overwritten (not added).
    var g = [Double](repeating: 7, count: 4)
    let v2 = x.withUnsafeBufferPointer { xb in
      g.withUnsafeMutableBufferPointer { gb in valueWithGradient(of: { x, n in rosenbrock(x, n) }, at: xb, into: gb) }
    }
    check("buffer value", v2, value)
    check("buffer gradient", g, want)

    // Central differences agree.
    for i in x.indices {
      var plus = x, minus = x
      plus[i] += 1e-6
      minus[i] -= 1e-6
      let fd = (plus.withUnsafeBufferPointer { rosenbrock($0.baseAddress!, 4) }
        - minus.withUnsafeBufferPointer { rosenbrock($0.baseAddress!, 4) }) / 2e-6
      check("∂rosenbrock/∂x\(i) vs central difference", grad[i], fd, tolerance: 1e-6)
    }

    // J·v, uᵀ·J, J.
    let p = [0.7, -1.2, 0.4]
    let (fp, jv) = valueWithJVP(of: { x, n, y, m in field(x, n, y, m) }, at: p, along: [1, 2, -1], outputCount: 2)
    check("field", fp, [p[0] * p[1] * p[2], sin(p[0]) + p[1] * p[1] - exp(p[2])])
    let jacobianByHand = [
      [p[1] * p[2], p[0] * p[2], p[0] * p[1]],
      [cos(p[0]), 2 * p[1], -exp(p[2])],
    ]
    check("J·v", jv, jacobianByHand.map { $0[0] * 1 + $0[1] * 2 - $0[2] })
    check("jvp(of:)", jvp(of: { x, n, y, m in field(x, n, y, m) }, at: p, along: [1, 2, -1], outputCount: 2), jv)
    let (fp2, uj) = valueWithVJP(of: { x, n, y, m in field(x, n, y, m) }, at: p, cotangent: [3, -2])
    check("field from vjp", fp2, fp)
    check("uᵀ·J", uj, (0..<3).map { 3 * jacobianByHand[0][$0] - 2 * jacobianByHand[1][$0] })
    check("vjp(of:)", vjp(of: { x, n, y, m in field(x, n, y, m) }, at: p, cotangent: [3, -2]), uj)
    let jacobian = jacobian(of: { x, n, y, m in field(x, n, y, m) }, at: p, outputCount: 2)
    check("J row 0", jacobian[0], jacobianByHand[0])
    check("J row 1", jacobian[1], jacobianByHand[1])

    // uᵀ(J·v) = (uᵀJ)·v for a few directions.
    for (u, v) in [([1.0, 0.0], [0.0, 1.0, 0.0]), ([0.3, -1.1], [2.0, -0.5, 1.5])] {
      let left = zip(u, jvp(of: { x, n, y, m in field(x, n, y, m) }, at: p, along: v, outputCount: 2)).map(*).reduce(0, +)
      let right = zip(vjp(of: { x, n, y, m in field(x, n, y, m) }, at: p, cotangent: u), v).map(*).reduce(0, +)
      check("uᵀ(Jv) = (uᵀJ)v", left, right)
    }
    finish()
  }
}
