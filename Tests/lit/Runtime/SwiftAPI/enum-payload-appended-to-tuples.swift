// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A structural model's commands as an enum whose payloads mix integers, doubles, a class and an
// array, built from the parameters in an array literal; the bars' payloads are appended to an array
// of tuples and summed afterwards. The bar's `Double` payload word is loaded as an `i64` (other
// cases hold an integer or an array there), stored whole into the tuple's `Double`, and handed to
// the enum's outlined copy as well, so it was no plain copy to the activity analysis: its adjoint
// was dropped (reverse mode silently 0 for the bar's parameter). An integer stored into memory
// declared `Double`, and otherwise only stored or handed to calls, now carries the double
// (ActivityAnalysis.isStoredIntoDeclaredFloat). Found by a corpus of Swift code nobody here wrote.
// Against the hand derivative, central differences and the other mode.
import SwadAutodiff

final class Material {
  var stiffness: Double
  init(stiffness: Double) { self.stiffness = stiffness }
}

enum Command {
  case node(Int, Double)
  case bar(Int, Int, Double, Material)
  case loads(Int, [Double])
  case nop
}

// p0^2 + E (0.8 + p1)^2 + E (0.3 p2)^2 + p3 + 1
@autodiffReverse(name: "d_energy", .duplicated, .active)
@autodiffForward(name: "fwd_energy", .dual, .dual)
func energy(p: [Double]) -> Double {
  let steel = Material(stiffness: 2.0)
  let commands: [Command] = [
    .node(0, p[0]), .bar(0, 1, 0.8 + p[1], steel), .loads(1, [p[3], 1.0]), .bar(1, 2, 0.3 * p[2], steel), .nop,
  ]
  var total = 0.0
  var bars: [(Int, Int, Double, Material)] = []
  for command in commands {
    switch command {
    case let .node(_, x): total += x * x
    case let .bar(a, b, area, material): bars.append((a, b, area, material))
    case let .loads(_, values): for v in values { total += v }
    case .nop: break
    }
  }
  for (_, _, area, material) in bars { total += material.stiffness * area * area }
  return total
}

@main
struct Main {
  static func main() {
    for p in [[0.3, -0.7, 1.1, 0.45], [-1.2, 0.25, -0.6, 2.0]] {
      var g = [Double](repeating: 0, count: 4)
      _ = d_energy(p: p, dp: &g, seed: 1)
      check("energy exactly", g, [2 * p[0], 4 * (0.8 + p[1]), 4 * 0.09 * p[2], 1])
      checkGradient("energy", g, of: { energy(p: $0) }, at: p, forward: { fwd_energy(p: p, dp: $0).1 })
    }
    finish()
  }
}
