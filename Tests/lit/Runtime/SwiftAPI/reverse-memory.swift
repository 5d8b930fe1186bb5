// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// CHECK: checks passed
// @autodiffReverse with .duplicated parameters: pointers, buffer pointers, arrays and inout values,
// whose shadows receive the adjoints ADDED to what they held (Enzyme's +=); outputs written through
// a pointer whose shadow holds the seed and is consumed; .duplicatedOnly; an empty buffer.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffReverse(name: "d_dot", .duplicated, .duplicated, .const, .active)
func dot(a: UnsafePointer<Double>, b: UnsafePointer<Double>, n: Int) -> Double {
  var sum = 0.0
  for i in 0..<n { sum += a[i] * b[i] }
  return sum
}

@autodiffReverse(name: "d_sumOfCubes", .duplicated, .active)
func sumOfCubes(x: UnsafeBufferPointer<Double>) -> Double {
  var sum = 0.0
  for v in x { sum += v * v * v }
  return sum
}

/// The talk's f_dot over arrays of Float.
@autodiffReverse(name: "d_f_dot", .duplicated, .duplicated, .active)
func f_dot(x: [Float], w: [Float]) -> Float {
  var sum: Float = 0
  for i in x.indices { sum += x[i] * w[i] }
  return sum
}

/// A constant array and an active scalar.
@autodiffReverse(name: "d_loss", .const, .active, .activeOnly)
func loss(data: [Double], scale: Double) -> Double {
  var sum = 0.0
  for v in data { sum += (scale * v - 1) * (scale * v - 1) }
  return sum
}

/// The talk's appendix: y[0] = x[0]² + x[1]·x[0], the output through a pointer.
@autodiffReverse(name: "d_quad", .duplicated, .duplicated)
func quad(x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>) { y[0] = x[0] * x[0] + x[1] * x[0] }

/// In place: x ← sin(x)·x, element by element.
@autodiffReverse(name: "d_update", .duplicatedOnly, .const)
func update(x: UnsafeMutablePointer<Double>, n: Int) { for i in 0..<n { x[i] = sin(x[i]) * x[i] } }

@autodiffReverse(name: "d_square", .duplicated)
func square(x: inout Double) { x = x * x }

@autodiffReverse(name: "d_scale", .duplicated, .active)
func scale(v: inout [Double], k: Double) { for i in v.indices { v[i] *= k } }

/// A result that is a constant while the gradient comes from an output written through a buffer.
@autodiffReverse(name: "d_residuals", .duplicated, .duplicated, .const)
func residuals(p: UnsafeBufferPointer<Double>, r: UnsafeMutableBufferPointer<Double>) -> Int {
  for i in r.indices { r[i] = p[0] * Double(i) + p[1] * p[1] }
  return r.count
}

@main
struct ReverseMemory {
  static func main() {
    let n = 5
    let a = (0..<n).map { Double($0) * 0.5 - 1 }
    let b = (0..<n).map { cos(Double($0)) }
    var da = [Double](repeating: 0.5, count: n)
    var db = [Double](repeating: -1, count: n)
    let value = a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        da.withUnsafeMutableBufferPointer { da in
          db.withUnsafeMutableBufferPointer { db in
            d_dot(a: a.baseAddress!, da: da.baseAddress!, b: b.baseAddress!, db: db.baseAddress!, n: n, seed: 2)
          }
        }
      }
    }
    check("dot", value, zip(a, b).map(*).reduce(0, +))
    check("∂dot/∂a, added", da, b.map { 0.5 + 2 * $0 })
    check("∂dot/∂b, added", db, a.map { -1 + 2 * $0 })

    var dx = [Double](repeating: 0, count: n)
    let cubes = a.withUnsafeBufferPointer { a in
      dx.withUnsafeMutableBufferPointer { dx in d_sumOfCubes(x: a, dx: dx, seed: 1) }
    }
    check("sum of cubes", cubes, a.map { $0 * $0 * $0 }.reduce(0, +))
    check("∂/∂x sum of cubes", dx, a.map { 3 * $0 * $0 })
    let empty = [Double]()
    var dEmpty = [Double]()
    let none = empty.withUnsafeBufferPointer { e in
      dEmpty.withUnsafeMutableBufferPointer { de in d_sumOfCubes(x: e, dx: de, seed: 1) }
    }
    check("sum of no cubes", none, 0)

    let xf: [Float] = [1, 2, 3], wf: [Float] = [4, 5, 6]
    var dxf: [Float] = [0, 0, 0], dwf: [Float] = [1, 1, 1]
    let dotf = d_f_dot(x: xf, dx: &dxf, w: wf, dw: &dwf, seed: 1)
    check("f_dot", dotf, 32)
    for i in 0..<3 {
      check("∂f_dot/∂x", dxf[i], wf[i])
      check("∂f_dot/∂w, added", dwf[i], 1 + xf[i])
    }

    let data = [0.5, 1.0, 2.0]
    let dscale = d_loss(data: data, scale: 0.8, seed: 1)
    check("∂loss/∂scale", dscale, data.map { 2 * (0.8 * $0 - 1) * $0 }.reduce(0, +))

    let xq: [Float] = [1.5, -2]
    var dxq: [Float] = [0, 0]
    var yq: [Float] = [0]
    var dyq: [Float] = [1]
    xq.withUnsafeBufferPointer { x in
      dxq.withUnsafeMutableBufferPointer { dx in
        yq.withUnsafeMutableBufferPointer { y in
          dyq.withUnsafeMutableBufferPointer { dy in
            d_quad(x: x.baseAddress!, dx: dx.baseAddress!, y: y.baseAddress!, dy: dy.baseAddress!)
          }
        }
      }
    }
    check("y", yq[0], 1.5 * 1.5 - 2 * 1.5)
    check("∂y/∂x0", dxq[0], 2 * 1.5 - 2)
    check("∂y/∂x1", dxq[1], 1.5)
    check("the output's shadow is consumed", dyq[0], 0)

    let x0 = (0..<n).map { Double($0) * 0.3 - 0.6 }
    let seeds = (0..<n).map { 1 + Double($0 % 3) }
    var xu = x0, dxu = seeds
    xu.withUnsafeMutableBufferPointer { x in
      dxu.withUnsafeMutableBufferPointer { dx in d_update(x: x.baseAddress!, dx: dx.baseAddress!, n: n) }
    }
    check("∂update, seeded by the shadow", dxu, (0..<n).map { (cos(x0[$0]) * x0[$0] + sin(x0[$0])) * seeds[$0] })

    var s = 3.0, ds = 1.0
    d_square(x: &s, dx: &ds)
    check("square", s, 9)
    check("∂square", ds, 6)

    // A literal array (shared, immortal storage) scaled in place.
    var v = [1.0, 2.0], dv = [1.0, 0.5]
    let dk = d_scale(v: &v, dv: &dv, k: 3)
    check("scaled", v, [3, 6])
    check("∂/∂v scaled", dv, [3, 1.5])
    check("∂/∂k scaled", dk, 1 + 1)

    let p = [2.0, 3.0]
    var dp = [0.0, 0.0]
    var r = [Double](repeating: 0, count: 4)
    var dr = [1.0, 1.0, 1.0, 1.0]
    let count = p.withUnsafeBufferPointer { p in
      dp.withUnsafeMutableBufferPointer { dp in
        r.withUnsafeMutableBufferPointer { r in
          dr.withUnsafeMutableBufferPointer { dr in d_residuals(p: p, dp: dp, r: r, dr: dr) }
        }
      }
    }
    check("residual count", Double(count), 4)
    check("residuals", r, [9, 11, 13, 15])
    check("∂Σr/∂p", dp, [0 + 1 + 2 + 3, 4 * 2 * 3])
    finish()
  }
}
