// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// @autodiffReverse with width: N (batched reverse mode): one primal sweep, N lanes of adjoints. Each
// lane's seeds of the outputs give a row of the Jacobian (a vector-Jacobian product): arrays,
// buffers, pointers, inout values and scalars, with loops; every lane is compared with forward mode
// one direction at a time, or with hand derivatives.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// y = F(x, p): as many outputs as y has, of the inputs x and the scalar p.
@autodiffReverse(name: "d_model", width: 3, .duplicated, .duplicated, .active)
@autodiffForward(name: "fwd_model", .dual, .dual, .dual)
func model(x: [Double], y: inout [Double], p: Double) {
  for j in y.indices {
    var acc = 0.0
    for i in x.indices {
      acc += sin(x[i] * Double(j + 1)) * p + x[i] * x[(i + j) % x.count]
    }
    if x[j] > 0 { acc += log1p(x[j] * x[j]) }
    y[j] = acc * exp(-0.1 * p * Double(j))
  }
}

/// The same model over buffer pointers.
@autodiffReverse(name: "d_modelBuffers", width: 3, .duplicated, .duplicatedOnly, .const)
func modelBuffers(x: UnsafeBufferPointer<Double>, y: UnsafeMutableBufferPointer<Double>, p: Double) {
  for j in y.indices {
    var acc = 0.0
    for i in x.indices {
      acc += sin(x[i] * Double(j + 1)) * p + x[i] * x[(i + j) % x.count]
    }
    if x[j] > 0 { acc += log1p(x[j] * x[j]) }
    y[j] = acc * exp(-0.1 * p * Double(j))
  }
}

/// A scalar result of an array, a tuple and a scalar: each lane seeds the result on its own.
@autodiffReverse(name: "d_energy", width: 3, .duplicated, .active, .active, .active)
func energy(x: UnsafePointer<Double>, q: (a: Double, b: Double), s: Double) -> Double {
  var sum = 0.0
  for i in 0..<4 { sum += q.a * x[i] * x[i] + q.b * sin(x[i]) * s }
  return sum * s
}

@autodiffReverse(name: "d_energyOnly", width: 2, .duplicated, .const, .active, .activeOnly)
func energyOnly(x: UnsafePointer<Double>, q: (a: Double, b: Double), s: Double) -> Double {
  energy(x: x, q: q, s: s)
}

/// Two outputs in an inout tuple, in place: the Jacobian of (u, v) ↦ (u·v, sin u + v²) by rows.
@autodiffReverse(name: "d_rotate", width: 2, .duplicated)
func rotate(z: inout (Double, Double)) { z = (z.0 * z.1, sin(z.0) + z.1 * z.1) }

/// A Float result not differentiated (.const) while the gradient flows from an array output.
@autodiffReverse(name: "d_fill", width: 2, .duplicated, .duplicated, .const)
func fill(x: [Float], out: inout [Float]) -> Float {
  for i in out.indices { out[i] = x[i] * x[i] * Float(i + 1) }
  return out.reduce(0, +)
}

/// A struct holding an array, inout: each lane has a shadow struct of its own.
struct Particles {
  var velocity: [Double]
  var mass: Double
}

@autodiffReverse(name: "d_kinetic", width: 2, .duplicated, .active)
func kinetic(of particles: inout Particles) -> Double {
  var sum = 0.0
  for v in particles.velocity { sum += v * v }
  particles.mass *= 2
  return 0.25 * particles.mass * sum
}

@main
struct BatchedReverse {
  static func main() {
    let n = 5, m = 4
    let x = [0.3, -0.7, 1.1, 0.4, -0.2]
    let p = 0.8

    // The reference Jacobian, one forward direction at a time: J[j][i] = ∂y_j/∂x_i, Jp[j] = ∂y_j/∂p.
    var J = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
    var Jp = [Double](repeating: 0, count: m)
    for i in 0..<n {
      var dx = [Double](repeating: 0, count: n)
      dx[i] = 1
      var y = [Double](repeating: 0, count: m), dy = [Double](repeating: 0, count: m)
      fwd_model(x: x, dx: dx, y: &y, dy: &dy, p: p, dp: 0)
      for j in 0..<m { J[j][i] = dy[j] }
    }
    do {
      var y = [Double](repeating: 0, count: m), dy = [Double](repeating: 0, count: m)
      fwd_model(x: x, dx: [Double](repeating: 0, count: n), y: &y, dy: &dy, p: p, dp: 1)
      Jp = dy
    }
    // Lane k seeds the outputs with w[k]; its adjoints are wᵀJ. Lane 2 is a combination.
    let w: [[Double]] = [[1, 0, 0, 0], [0, 0, 1, 0], [2, 0, 0, -1]]
    func row(_ k: Int) -> [Double] { (0..<n).map { i in (0..<m).reduce(0) { $0 + w[k][$1] * J[$1][i] } } }
    func rowP(_ k: Int) -> Double { (0..<m).reduce(0) { $0 + w[k][$1] * Jp[$1] } }

    // Arrays: three rows of J in one call; the x shadows start nonzero (adjoints are added).
    do {
      var y = [Double](repeating: 0, count: m)
      var dx0 = [Double](repeating: 0, count: n), dx1 = [Double](repeating: 0.5, count: n)
      var dx2 = [Double](repeating: -1, count: n)
      var dy0 = w[0], dy1 = w[1], dy2 = w[2]
      let dp = d_model(
        x: x, dx_0: &dx0, dx_1: &dx1, dx_2: &dx2, y: &y, dy_0: &dy0, dy_1: &dy1, dy_2: &dy2, p: p)
      check("array lane 0 dx", dx0, row(0))
      check("array lane 1 dx", dx1, row(1).map { $0 + 0.5 })
      check("array lane 2 dx", dx2, row(2).map { $0 - 1 })
      check("array lane 0 dp", dp.0, rowP(0))
      check("array lane 1 dp", dp.1, rowP(1))
      check("array lane 2 dp", dp.2, rowP(2))
      // The primal ran: y holds F(x, p).
      var y1 = [Double](repeating: 0, count: m)
      model(x: x, y: &y1, p: p)
      check("array primal", y, y1)
      // The output shadows are consumed, as in the unbatched gradient.
      check("array dy0 consumed", dy0, [Double](repeating: 0, count: m))
      check("array dy2 consumed", dy2, [Double](repeating: 0, count: m))
    }

    // Buffers, .duplicatedOnly output, .const p.
    do {
      func buffer(_ values: [Double]) -> UnsafeMutableBufferPointer<Double> {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: values.count)
        _ = buffer.initialize(from: values)
        return buffer
      }
      let xb = buffer(x), y = buffer([Double](repeating: 0, count: m))
      let dxs = (0..<3).map { _ in buffer([Double](repeating: 0, count: n)) }
      let dys = w.map(buffer)
      d_modelBuffers(
        x: UnsafeBufferPointer(xb), dx_0: dxs[0], dx_1: dxs[1], dx_2: dxs[2], y: y, dy_0: dys[0], dy_1: dys[1],
        dy_2: dys[2], p: p)
      for k in 0..<3 { check("buffer lane \(k) dx", Array(dxs[k]), row(k)) }
      for b in [xb, y] + dxs + dys { b.deallocate() }
    }

    // A scalar result: lane k is the gradient times seed k. Hand derivatives.
    do {
      let xs = [0.4, -1.2, 0.9, 2.0]
      let q = (a: 0.7, b: -1.3), s = 1.5
      let seeds = [1.0, -2.0, 0.25]
      var dx0 = [Double](repeating: 0, count: 4), dx1 = dx0, dx2 = dx0
      let result = xs.withUnsafeBufferPointer { x in
        dx0.withUnsafeMutableBufferPointer { dx0 in
          dx1.withUnsafeMutableBufferPointer { dx1 in
            dx2.withUnsafeMutableBufferPointer { dx2 in
              d_energy(
                x: x.baseAddress!, dx_0: dx0.baseAddress!, dx_1: dx1.baseAddress!, dx_2: dx2.baseAddress!, q: q,
                s: s, seed_0: seeds[0], seed_1: seeds[1], seed_2: seeds[2])
            }
          }
        }
      }
      let sumSquares = xs.reduce(0) { $0 + $1 * $1 }, sumSines = xs.reduce(0) { $0 + sin($1) }
      let value = (q.a * sumSquares + q.b * sumSines * s) * s
      check("energy primal", result.0, value)
      let dxs = [dx0, dx1, dx2]
      let lanesQ = [result.1.0, result.1.1, result.1.2], lanesS = [result.2.0, result.2.1, result.2.2]
      for k in 0..<3 {
        check("energy lane \(k) dx", dxs[k], xs.map { seeds[k] * (2 * q.a * $0 + q.b * cos($0) * s) * s })
        check("energy lane \(k) da", lanesQ[k].a, seeds[k] * sumSquares * s)
        check("energy lane \(k) db", lanesQ[k].b, seeds[k] * sumSines * s * s)
        check("energy lane \(k) ds", lanesS[k], seeds[k] * (q.a * sumSquares + 2 * q.b * sumSines * s))
        let h = 1e-6
        let central = (energy(x: xs, q: q, s: s + h) - energy(x: xs, q: q, s: s - h)) / (2 * h)
        check("energy lane \(k) ds, central difference", lanesS[k], seeds[k] * central, tolerance: 1e-7)
      }

      // .activeOnly: no primal, the adjoint of s alone (a tuple of the lanes).
      var e0 = [Double](repeating: 0, count: 4), e1 = e0
      let ds = xs.withUnsafeBufferPointer { x in
        e0.withUnsafeMutableBufferPointer { e0 in
          e1.withUnsafeMutableBufferPointer { e1 in
            d_energyOnly(x: x.baseAddress!, dx_0: e0.baseAddress!, dx_1: e1.baseAddress!, q: q, s: s, seed_0: 3, seed_1: 0)
          }
        }
      }
      check("energyOnly lane 0 ds", ds.0, 3 * (q.a * sumSquares + 2 * q.b * sumSines * s))
      check("energyOnly lane 1 ds", ds.1, 0)
      check("energyOnly lane 0 dx", e0, dx0.map { 3 * $0 })
      check("energyOnly lane 1 dx", e1, [0, 0, 0, 0])
    }

    // An inout tuple, in place: lane k's shadow holds the seed of the outputs, then the row.
    do {
      var z = (0.6, -0.9)
      let (u, v) = z
      var dz0 = (1.0, 0.0), dz1 = (0.0, 1.0)
      d_rotate(z: &z, dz_0: &dz0, dz_1: &dz1)
      check("rotate primal 0", z.0, u * v)
      check("rotate primal 1", z.1, sin(u) + v * v)
      check("rotate lane 0 d/du", dz0.0, v)
      check("rotate lane 0 d/dv", dz0.1, u)
      check("rotate lane 1 d/du", dz1.0, cos(u))
      check("rotate lane 1 d/dv", dz1.1, 2 * v)
    }

    // Float arrays, a .const Float result returned as the primal.
    do {
      let xf: [Float] = [0.5, -1.5, 2.0]
      var out = [Float](repeating: 0, count: 3)
      var dx0 = [Float](repeating: 0, count: 3), dx1 = dx0
      let seeds1: [Float] = [0, -1, 2]
      var dout0: [Float] = [1, 1, 1], dout1 = seeds1
      let total = d_fill(x: xf, dx_0: &dx0, dx_1: &dx1, out: &out, dout_0: &dout0, dout_1: &dout1)
      check("fill primal", total, 0.25 + 2.25 * 2 + 4 * 3)
      for i in 0..<3 {
        check("fill lane 0 dx\(i)", dx0[i], 2 * xf[i] * Float(i + 1))
        check("fill lane 1 dx\(i)", dx1[i], seeds1[i] * 2 * xf[i] * Float(i + 1))
      }
    }
    // A struct: lane k's shadow holds the seed of the mass it ends with (the inout value is an output
    // too: mass' = 2·mass, velocity' = velocity) and receives seed_k times the gradient, added.
    do {
      var particles = Particles(velocity: [0.5, -2.0, 1.5], mass: 3)
      var d0 = Particles(velocity: [0, 0, 0], mass: 0), d1 = Particles(velocity: [1, 1, 1], mass: 1)
      let energy = d_kinetic(of: &particles, dparticles_0: &d0, dparticles_1: &d1, seed_0: 1, seed_1: -3)
      let sum = 0.25 + 4 + 2.25
      check("kinetic primal", energy, 0.5 * 3 * sum)
      check("kinetic mass doubled", particles.mass, 6)
      check("kinetic lane 0 dv", d0.velocity, [0.5, -2.0, 1.5].map { 3 * $0 })
      check("kinetic lane 0 dm", d0.mass, 0.5 * sum)
      check("kinetic lane 1 dv", d1.velocity, [0.5, -2.0, 1.5].map { 1 - 9 * $0 })
      check("kinetic lane 1 dm", d1.mass, 2 * 1 - 1.5 * sum)
    }
    finish()
  }
}
