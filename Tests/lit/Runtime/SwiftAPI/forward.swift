// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// @autodiffForward: .dual, .dualOnly and .const results; batched directions with width N, as N
// tangent parameters (.dual) or one vector shadow (.dualv: a tuple of scalars, an inout tuple, a
// buffer or an array holding the N lanes one after another); pointers, buffers, arrays, inout,
// tuples; forward tangents against reverse gradients.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffForward(name: "df", .dual, .dual, .dual)
@autodiffReverse(name: "grad_f", .active, .active, .activeOnly)
func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }

@autodiffForward(name: "d_g", .dual, .const, .dualOnly)
func g(x: Float, bias: Float) -> Float { x * x * sin(x) + bias }

@autodiffForward(name: "d_primal", .dual, .const)
func primal(x: Double) -> Double { exp(x) }

@autodiffForward(name: "d_h", width: 2, .dual, .dual, .dual)
func h(x: Double, y: Double) -> Double { x * y + sin(x) * y }

@autodiffForward(name: "d_h3", width: 3, .dualv, .dualv, .dualvOnly)
func h3(x: Double, y: Double) -> Double { x * y + sin(x) * y }

@autodiffForward(name: "d_h4", width: 2, .dualv, .const, .dualv)
func h4(x: Double, y: Double) -> Double { x * y + sin(x) * y }

/// The talk's f_dot over a buffer and an array: shadows of the same types.
@autodiffForward(name: "d_f_dot", .dual, .dual, .dual)
func f_dot(x: UnsafeBufferPointer<Double>, w: [Double]) -> Double {
  var sum = 0.0
  for i in x.indices { sum += x[i] * w[i] }
  return sum
}

/// All coordinates of the gradient in one call: the identity as n lanes of one shadow.
@autodiffForward(name: "d_energy", width: 3, .dualv, .const, .dualvOnly)
func energy(x: [Double], w: UnsafeBufferPointer<Double>) -> Double {
  var sum = 0.0
  for i in x.indices { sum += w[i] * x[i] * x[i] * x[i] }
  return sum
}

@autodiffForward(name: "d_norm", width: 2, .dualv, .dualvOnly)
func norm(x: UnsafeBufferPointer<Double>) -> Double {
  var sum = 0.0
  for v in x { sum += v * v }
  return sum.squareRoot()
}

/// Outputs through a pointer, tangents through its shadow.
@autodiffForward(name: "d_polar", .dual, .dual)
func polar(p: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>) {
  out[0] = p[0] * cos(p[1])
  out[1] = p[0] * sin(p[1])
}

@autodiffForward(name: "d_cube", .dual)
func cube(x: inout Double) { x = x * x * x }

@autodiffForward(name: "d_cube2", width: 2, .dualv)
func cube2(x: inout Double) { x = x * x * x }

@autodiffForward(name: "d_tuple", .dual, .dual)
func tuple(p: (a: Double, b: Float)) -> Double { p.a * Double(p.b) }

@autodiffForward(name: "d_normalize", .dual)
func normalize(v: inout [Double]) {
  var sum = 0.0
  for x in v { sum += x * x }
  let norm = sum.squareRoot()
  for i in v.indices { v[i] /= norm }
}

@main
struct Forward {
  static func main() {
    for (x, y) in [(1.2, 3.4), (0.0, 1.0), (-2.0, 0.5)] {
      let (v, tx) = df(x: x, dx: 1, y: y, dy: 0)
      let (_, ty) = df(x: x, dx: 0, y: y, dy: 1)
      check("f", v, x * y + sin(x) * y)
      check("∂f/∂x", tx, y + cos(x) * y)
      check("∂f/∂y", ty, x + sin(x))
      // Forward and reverse agree: (∇f)·v for any v.
      let (gx, gy) = grad_f(x: x, y: y, seed: 1)
      check("forward = reverse", df(x: x, dx: 0.3, y: y, dy: -1.7).1, 0.3 * gx - 1.7 * gy)

      let (hv, h0, h1) = d_h(x: x, dx_0: 1, dx_1: 0, y: y, dy_0: 0, dy_1: 1)
      check("h", hv, v)
      check("width 2, lane 0", h0, tx)
      check("width 2, lane 1", h1, ty)
      let lanes = d_h3(x: x, dx: (1, 0, 2), y: y, dy: (0, 1, 3))
      check("dualv lane 0", lanes.0, tx)
      check("dualv lane 1", lanes.1, ty)
      check("dualv lane 2", lanes.2, 2 * tx + 3 * ty)
      let (h4v, h4t) = d_h4(x: x, dx: (1, -1), y: y)
      check("dualv with the primal", h4v, v)
      check("dualv with the primal, lane 0", h4t.0, tx)
      check("dualv with the primal, lane 1", h4t.1, -tx)
    }

    let xg: Float = 0.8
    check("dualOnly", d_g(x: xg, dx: 1, bias: 5), 2 * xg * sin(xg) + xg * xg * cos(xg))
    check("const result is the primal", d_primal(x: 1.5, dx: 1), exp(1.5))

    let x = [1.0, 2.0, 3.0], w = [0.5, -1.0, 2.0]
    let (dotValue, dotTangent) = x.withUnsafeBufferPointer { xb in
      [1.0, 0.0, -1.0].withUnsafeBufferPointer { dx in d_f_dot(x: xb, dx: dx, w: w, dw: [0, 1, 0]) }
    }
    check("f_dot", dotValue, 4.5)
    check("f_dot tangent", dotTangent, 0.5 - 2.0 + 2.0)

    let identity = (0..<9).map { $0 % 4 == 0 ? 1.0 : 0.0 }
    let gradient = w.withUnsafeBufferPointer { wb in d_energy(x: x, dx: identity, w: wb) }
    check("energy gradient 0", gradient.0, 3 * w[0] * x[0] * x[0])
    check("energy gradient 1", gradient.1, 3 * w[1] * x[1] * x[1])
    check("energy gradient 2", gradient.2, 3 * w[2] * x[2] * x[2])

    let ab = [3.0, 4.0]
    let directions = [1.0, 0.0, 0.0, 1.0]
    let normTangents = ab.withUnsafeBufferPointer { a in
      directions.withUnsafeBufferPointer { d in d_norm(x: a, dx: d) }
    }
    check("∂|x|/∂x0", normTangents.0, 0.6)
    check("∂|x|/∂x1", normTangents.1, 0.8)

    let p = [2.0, 0.5], dp = [0.0, 1.0]
    var out = [0.0, 0.0], dout = [0.0, 0.0]
    p.withUnsafeBufferPointer { p in
      dp.withUnsafeBufferPointer { dp in
        out.withUnsafeMutableBufferPointer { o in
          dout.withUnsafeMutableBufferPointer { d in
            d_polar(p: p.baseAddress!, dp: dp.baseAddress!, out: o.baseAddress!, dout: d.baseAddress!)
          }
        }
      }
    }
    check("polar", out, [2 * cos(0.5), 2 * sin(0.5)])
    check("∂polar/∂θ", dout, [-2 * sin(0.5), 2 * cos(0.5)])

    var c = 2.0, dc = 1.0
    d_cube(x: &c, dx: &dc)
    check("cube", c, 8)
    check("∂cube", dc, 12)
    var c2 = 2.0, dc2 = (1.0, -0.5)
    d_cube2(x: &c2, dx: &dc2)
    check("cube, 2 lanes", c2, 8)
    check("∂cube lane 0", dc2.0, 12)
    check("∂cube lane 1", dc2.1, -6)

    let (tv, tt) = d_tuple(p: (a: 1.5, b: 2), dp: (a: 1, b: 1))
    check("tuple", tv, 3)
    check("∂tuple", tt, 2 + 1.5)

    var vn = [3.0, 4.0], dvn = [1.0, 0.0]
    d_normalize(v: &vn, dv: &dvn)
    check("normalized", vn, [0.6, 0.8])
    check("∂normalized", dvn, [0.8 * 0.8 / 5, -0.6 * 0.8 / 5])
    finish()
  }
}
