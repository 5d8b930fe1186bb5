// RUN: rm -f %t
// RUN: not %swad-api %s -o %t 2>&1 | FileCheck %s
// RUN: not test -e %t
// A key path used as a function (`map(\.x)`) that the optimizer leaves to the Swift runtime
// (`swift_getAtKeyPath`, which swad cannot see into): the error says to write a closure, which
// works (Runtime/SwiftAPI/programs-as-written.swift is this program with closures).
// CHECK: swad: error: in function '{{.*}}simulate{{.*}}': cannot differentiate a call of 'swift_getAtKeyPath': a key path used as a function or a subscript (`map(\.x)`, `v[keyPath: path]`) reads a property that swad cannot see; write a closure instead (`map { $0.x }`)
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Particle { var x: Double; var v: Double }

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
    particles.reduce(into: 0.0) { $0 += 0.5 * $1.v * $1.v } + zip(particles, particles.dropFirst()).map { p, q in
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
  let spread = (s.particles.map(\.x).max() ?? 0) - (s.particles.map(\.x).min() ?? 0)
  return s.energy + generic(s.particles.map(\.v)) + spread + s.particles.map(\.x).sorted()[1]
}

@main
struct Main {
  static func main() {
    var dx = [Double](repeating: 0, count: 5)
    print(d_simulate(x0: [0.0, 1.2, 1.9, 3.4, 4.1], dx0: &dx, damping: 0.98, seed: 1))
  }
}
