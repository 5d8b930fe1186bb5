// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// @autodiffReverse on functions of Float, Double and tuples of them: every result activity (.active,
// .activeOnly, .const), .const parameters, static members, instance methods (self is a constant),
// and a constant struct; the derivatives against hand-derived ones and central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

// The talk's f(x, y) = x·y + sin(x)·y with each result activity.
@autodiffReverse(name: "df", .active, .active, .active)
func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }

@autodiffReverse(name: "ddf", .active, .active, .activeOnly)
func f2(x: Double, y: Double) -> Double { x * y + sin(x) * y }

@autodiffReverse(name: "d_f3", .active, .const, .active)
func f3(x: Double, y: Double) -> Double { x * y + sin(x) * y }

/// A constant result: the adjoints are zero, the primal is returned.
@autodiffReverse(name: "d_f4", .active, .active, .const)
func f4(x: Double, y: Double) -> Double { x * y + sin(x) * y }

/// The talk's affine example: (y, dx) from (x, bias, seed).
@autodiffReverse(name: "d_f_affine", .active, .const, .active)
func f_affine(x: Double, bias: Double) -> Double { 3 * x + bias }

// Float, as the talk's models are.
@autodiffReverse(name: "d_g", .active, .active, .active)
func g(x: Float, k: Float) -> Float { exp(k * x) * cos(x) }

// Tuples: the adjoint of a tuple is a tuple; labels are kept; nesting works.
@autodiffReverse(name: "d_h", .active, .const, .active)
func h(p: (a: Double, b: Double), s: Double) -> Double { p.a * p.a * p.b * s + log(p.b) }

@autodiffReverse(name: "d_nested", .active, .activeOnly)
func nested(q: (Double, (Double, Float))) -> Double { q.0 * q.1.0 * Double(q.1.1) }

// Unlabeled parameters.
@autodiffReverse(name: "d_u", .active, .active, .active)
func u(_ x: Double, _ y: Double) -> Double { x / y }

// A constant of any type, passed by address.
struct Weights {
  var w: [Double]
  var name: String
}
@autodiffReverse(name: "d_weighted", .const, .active, .active)
func weighted(weights: Weights, x: Double) -> Double {
  var sum = 0.0
  for (i, w) in weights.w.enumerated() { sum += w * pow(x, Double(i)) }
  return sum
}

// Members.
enum Models {
  @autodiffReverse(name: "d_logistic", .active, .active)
  static func logistic(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
}

struct Quadratic {
  var a: Double, b: Double, c: Double
  @autodiffReverse(name: "d_value", .active, .active)
  func value(at x: Double) -> Double { a * x * x + b * x + c }
}

final class Model {
  var w = 2.0
  @autodiffReverse(name: "d_predict", .active, .active)
  func predict(x: Double) -> Double { w * x * x }
}

enum Outer {
  struct Inner {
    @autodiffReverse(name: "d_g", .active, .active)
    static func g(x: Double) -> Double { sin(x) }
  }
}

extension Outer {
  @autodiffReverse(name: "d_h", .active, .active)
  static func h(x: Float) -> Float { x * x * x }
}

@main
struct ReverseScalars {
  static func main() {
    for (x, y) in [(1.2, 3.4), (0.0, 0.0), (-0.7, 2.5)] {
      let (v, dx, dy) = df(x: x, y: y, seed: 1)
      check("f(\(x), \(y))", v, x * y + sin(x) * y)
      check("∂f/∂x", dx, y + cos(x) * y)
      check("∂f/∂y", dy, x + sin(x))
      let (dx2, dy2) = ddf(x: x, y: y, seed: 2)
      check("seeded ∂f/∂x", dx2, 2 * (y + cos(x) * y))
      check("seeded ∂f/∂y", dy2, 2 * (x + sin(x)))
      let (v3, dx3) = d_f3(x: x, y: y, seed: 1)
      check("f3", v3, v)
      check("∂f3/∂x", dx3, y + cos(x) * y)
      let (v4, dx4, dy4) = d_f4(x: x, y: y)
      check("f4", v4, v)
      check("∂f4/∂x with a constant result", dx4, 0)
      check("∂f4/∂y with a constant result", dy4, 0)
    }
    let (ya, dxa) = d_f_affine(x: 2, bias: 1, seed: 1)
    check("affine", ya, 7)
    check("affine dx", dxa, 3)

    for (x, k) in [(Float(0.5), Float(1.5)), (Float(-1), Float(0.25))] {
      let (v, dx, dk) = d_g(x: x, k: k, seed: 1)
      check("g", v, exp(k * x) * cos(x))
      check("∂g/∂x", dx, exp(k * x) * (k * cos(x) - sin(x)))
      check("∂g/∂k", dk, x * exp(k * x) * cos(x))
    }

    let (vh, dp) = d_h(p: (a: 1.5, b: 2.0), s: 3.0, seed: 1)
    check("h", vh, 1.5 * 1.5 * 2 * 3 + log(2.0))
    check("∂h/∂a", dp.a, 2 * 1.5 * 2 * 3)
    check("∂h/∂b", dp.b, 1.5 * 1.5 * 3 + 0.5)
    let dq = d_nested(q: (2.0, (3.0, 4.0)), seed: 1)
    check("∂/∂q.0", dq.0, 12)
    check("∂/∂q.1.0", dq.1.0, 8)
    check("∂/∂q.1.1", Double(dq.1.1), 6)

    let (vu, dux, duy) = d_u(3, 4, seed: 1)
    check("u", vu, 0.75)
    check("∂u/∂x", dux, 0.25)
    check("∂u/∂y", duy, -3.0 / 16)

    let weights = Weights(w: [1, -2, 0.5, 0.25], name: "cubic")
    for x in [-1.5, 0.3, 2.0] {
      let (v, dx) = d_weighted(weights: weights, x: x, seed: 1)
      check("weighted", v, weighted(weights: weights, x: x))
      check("∂weighted/∂x", dx, centralDifference({ weighted(weights: weights, x: $0) }, at: x), tolerance: 1e-8)
      let (s, ds) = Models.d_logistic(x, seed: 1)
      check("logistic", s, 1 / (1 + exp(-x)))
      check("logistic'", ds, s * (1 - s))
      let q = Quadratic(a: 2, b: -3, c: 1)
      let (qv, dq) = q.d_value(at: x, seed: 1)
      check("quadratic", qv, 2 * x * x - 3 * x + 1)
      check("quadratic'", dq, 4 * x - 3)
    }
    // A class's method, a nested type's and an extension's static functions.
    let (pv, pd) = Model().d_predict(x: 3, seed: 1)
    check("class method", pv, 18)
    check("class method'", pd, 12)
    check("nested type", Outer.Inner.d_g(x: 0.5, seed: 1).1, cos(0.5))
    check("extension", Outer.d_h(x: 2, seed: 1).1, 12)
    finish()
  }
}
