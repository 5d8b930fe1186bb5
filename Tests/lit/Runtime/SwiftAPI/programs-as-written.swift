// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: rm -f %t.keypaths
// RUN: not %swad-api -D KEY_PATHS %s %S/Inputs/Check.swift -o %t.keypaths 2>&1 | FileCheck %s --check-prefix=KEY-PATHS
// RUN: not test -e %t.keypaths
// CHECK: checks passed
// Two programs written as Swift people write them, differentiated through the macros. A particle
// chain stepped in time: an array of structs changed by a mutating method, a pair loop over
// stride(from:to:by:), enumerated(), reduce(into:), zip with dropFirst(), lazy.map in a generic
// function, max(), min() and sorted(). A spline fit: a class instance holding arrays, a binary
// search (a data-dependent loop on integers) to find each point's interval, zip over the data.
// Gradients against central differences. With KEY_PATHS the particle program maps with key paths
// (`map(\.x)`), which the optimizer leaves to the Swift runtime (`swift_getAtKeyPath`) here: swad
// cannot see which property it reads, and the error says to write the closures this test uses.
// KEY-PATHS: swad: error: in function '{{.*}}simulate{{.*}}': cannot differentiate a call of 'swift_getAtKeyPath': a key path used as a function or a subscript (`map(\.x)`, `v[keyPath: path]`) reads a property that swad cannot see; write a closure instead (`map { $0.x }`)
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Particle {
  var x: Double
  var v: Double
}

struct System {
  var particles: [Particle]
  let k: Double
  mutating func step(dt: Double, damping: Double) {
    let n = particles.count
    var forces = [Double](repeating: 0, count: n)
    for i in 0..<n {
      for j in stride(from: i + 1, to: n, by: 1) {
        let d = particles[j].x - particles[i].x
        let f = k * (d - 1.0) - 0.1 * d * d * d
        forces[i] += f
        forces[j] -= f
      }
    }
    for (i, f) in forces.enumerated() {
      particles[i].v = (particles[i].v + dt * f) * damping
      particles[i].x += dt * particles[i].v
    }
  }
  var energy: Double {
    particles.reduce(into: 0.0) { $0 += 0.5 * $1.v * $1.v }
      + zip(particles, particles.dropFirst()).map { p, q in
        let d = q.x - p.x - 1.0
        return 0.5 * k * d * d
      }.reduce(0, +)
  }
}

func generic<T: BinaryFloatingPoint>(_ values: [T]) -> T { values.lazy.map { $0 * $0 }.reduce(0, +) }

@autodiffReverse(name: "d_simulate", .duplicated, .active, .active)
func simulate(x0: [Double], damping: Double) -> Double {
  var s = System(particles: x0.map { Particle(x: $0, v: 0) }, k: 2.0)
  for _ in 0..<30 { s.step(dt: 0.05, damping: damping) }
  #if KEY_PATHS
    let spread = (s.particles.map(\.x).max() ?? 0) - (s.particles.map(\.x).min() ?? 0)
    return s.energy + generic(s.particles.map(\.v)) + spread + s.particles.map(\.x).sorted()[1]
  #else
    let spread = (s.particles.map { $0.x }.max() ?? 0) - (s.particles.map { $0.x }.min() ?? 0)
    return s.energy + generic(s.particles.map { $0.v }) + spread + s.particles.map { $0.x }.sorted()[1]
  #endif
}

final class Spline {
  var knots: [Double]
  var values: [Double]
  init(knots: [Double], values: [Double]) {
    self.knots = knots
    self.values = values
  }
  func evaluate(_ t: Double) -> Double {
    var lo = 0
    var hi = knots.count - 1
    while hi - lo > 1 {  // binary search: data-dependent loop, integer only
      let mid = (lo + hi) / 2
      if knots[mid] > t { hi = mid } else { lo = mid }
    }
    let u = (t - knots[lo]) / (knots[hi] - knots[lo])
    let h00 = 2 * u * u * u - 3 * u * u + 1
    let h01 = -2 * u * u * u + 3 * u * u
    return h00 * values[lo] + h01 * values[hi]
  }
}

func smoothness(_ s: Spline) -> Double {
  var total = 0.0
  for i in 1..<(s.values.count - 1) {
    let second = s.values[i - 1] - 2 * s.values[i] + s.values[i + 1]
    total += second * second
  }
  return total
}

@autodiffReverse(name: "d_fit", .duplicated, .const, .const, .active)
func fit(values: [Double], ts: [Double], ys: [Double]) -> Double {
  let spline = Spline(knots: (0..<values.count).map { Double($0) / Double(values.count - 1) }, values: values)
  var loss = 0.0
  for (t, y) in zip(ts, ys) {
    let r = spline.evaluate(t) - y
    loss += r * r
  }
  return loss + 0.01 * smoothness(spline)
}

/// Central differences of `f` with respect to each element of `x`.
func gradientByDifferences(_ f: ([Double]) -> Double, at x: [Double]) -> [Double] {
  x.indices.map { i in
    centralDifference(
      { t in
        var y = x
        y[i] = t
        return f(y)
      }, at: x[i])
  }
}

@main
struct ProgramsAsWritten {
  static func main() {
    let x0 = [0.0, 1.2, 1.9, 3.4, 4.1]
    var dx = [Double](repeating: 0, count: x0.count)
    let (value, ddamping) = d_simulate(x0: x0, dx0: &dx, damping: 0.98, seed: 1)
    check("simulate value", value, simulate(x0: x0, damping: 0.98))
    check(
      "simulate gradient", dx, gradientByDifferences({ simulate(x0: $0, damping: 0.98) }, at: x0),
      tolerance: 1e-6)
    check(
      "simulate damping", ddamping, centralDifference({ simulate(x0: x0, damping: $0) }, at: 0.98),
      tolerance: 1e-6)

    let values = (0..<8).map { sin(Double($0)) }
    let ts = (0..<40).map { Double($0) / 40.0 + 0.003 }
    let ys = ts.map { cos(3 * $0) }
    var dv = [Double](repeating: 0, count: values.count)
    _ = d_fit(values: values, dvalues: &dv, ts: ts, ys: ys, seed: 1)
    check(
      "spline gradient", dv, gradientByDifferences({ fit(values: $0, ts: ts, ys: ys) }, at: values),
      tolerance: 1e-6)
    finish()
  }
}
