// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// A register machine over an enum whose payload word is a `Double` in one case and an `Int` in the
// others: `case let .const(d, v): r[d] = v` loads the word as an `i64` (the other cases use it as an
// index) and stores it into the `[Double]` registers whole. Mirrored into the shadow like an
// integer's, the constant was its own derivative, and both modes were silently wrong (a register
// first set from a constant, then from a parameter; a constant that scales the result). The store
// into memory declared `Double` now gives the shadow zero (ActivityAnalysis.storesIntoDeclaredFloat).
// Found by a corpus of Swift code nobody here wrote. Each against the hand derivative, central
// differences and the other mode.
import SwadAutodiff

enum Op {
  case const(Int, Double)
  case param(Int, Int)
  case mul(Int, Int, Int)
  case add(Int, Int, Int)
}

func run(_ program: [Op], _ p: [Double]) -> [Double] {
  var r = [Double](repeating: 0, count: 5)
  for op in program {
    switch op {
    case let .const(d, v): r[d] = v
    case let .param(d, i): r[d] = p[i]
    case let .mul(d, a, b): r[d] = r[a] * r[b]
    case let .add(d, a, b): r[d] = r[a] + r[b]
    }
  }
  return r
}

// r2 = 0.1, then overwritten by p1: the result p0 p1 owes nothing to the constant.
@autodiffReverse(name: "d_overwritten", .duplicated, .active)
@autodiffForward(name: "fwd_overwritten", .dual, .dual)
func overwritten(p: [Double]) -> Double {
  let program: [Op] = [.const(2, 0.1), .param(2, 1), .param(0, 0), .mul(3, 0, 2)]
  return run(program, p)[3]
}

// 0.25 p0 p1 + 1.5 + p1: the constants scale and shift.
@autodiffReverse(name: "d_scaled", .duplicated, .active)
@autodiffForward(name: "fwd_scaled", .dual, .dual)
func scaled(p: [Double]) -> Double {
  let program: [Op] = [
    .const(4, 0.25), .param(0, 0), .param(1, 1), .mul(2, 0, 1), .mul(2, 2, 4), .const(3, 1.5),
    .add(2, 2, 3), .add(2, 2, 1),
  ]
  return run(program, p)[2]
}

@main
struct Main {
  static func main() {
    for p in [[0.3, -0.7], [-1.1, 0.45]] {
      var g = [Double](repeating: 0, count: 2)
      _ = d_overwritten(p: p, dp: &g, seed: 1)
      check("overwritten exactly", g, [p[1], p[0]])
      checkGradient(
        "overwritten", g, of: { overwritten(p: $0) }, at: p, forward: { fwd_overwritten(p: p, dp: $0).1 })

      g = [Double](repeating: 0, count: 2)
      _ = d_scaled(p: p, dp: &g, seed: 1)
      check("scaled exactly", g, [0.25 * p[1], 0.25 * p[0] + 1])
      checkGradient("scaled", g, of: { scaled(p: $0) }, at: p, forward: { fwd_scaled(p: p, dp: $0).1 })
    }
    finish()
  }
}
