// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Enum values passed to a function kept out of line that stores them (Swift passes the payload as
// an integer word and the tag), once with a constant payload (`.scale(2.0)`) and once with an
// element of the input (`.shift(p[0])`), and arrays of optionals made by `Array(repeating: 2.0)`.
// Before, the word was taken for an integer: forward mode gave a constant as its own tangent (8
// for 2), and reverse mode lost the element's derivative (0 for 4). The constant's bits now say
// the parameter carries a double, and the function takes one. Both modes against the hand
// derivatives.
import SwadAutodiff

enum Op {
  case scale(Double)
  case shift(Double)
  case none
}

@inline(never) func put(_ ops: inout [Op], _ op: Op) { ops[0] = op }

// p0 p1 through a stored `.shift(p0)`
@autodiffReverse(name: "d_shifted", .duplicated, .active)
@autodiffForward(name: "jvp_shifted", .dual, .dual)
func shifted(p: [Double]) -> Double {
  var ops = [Op](repeating: .none, count: 1)
  put(&ops, .shift(p[0]))
  if case .shift(let s) = ops[0] { return s * p[1] }
  return 0
}

// 2 p1 through a stored `.scale(2.0)`
@autodiffReverse(name: "d_scaled", .duplicated, .active)
@autodiffForward(name: "jvp_scaled", .dual, .dual)
func scaled(p: [Double]) -> Double {
  var ops = [Op](repeating: .none, count: 1)
  put(&ops, .scale(2.0))
  if case .scale(let s) = ops[0] { return s * p[1] }
  return 0
}

// 2 p0 through an array of optionals made of a constant
@autodiffReverse(name: "d_repeated", .duplicated, .active)
@autodiffForward(name: "jvp_repeated", .dual, .dual)
func repeated(p: [Double]) -> Double {
  let weights = [Double?](repeating: 2.0, count: p.count)
  return (weights[0] ?? 0.5) * p[0]
}

@main struct Main {
  static func main() {
    let p = [3.0, 4.0]
    let cases: [(String, ([Double], inout [Double]) -> Void, ([Double], [Double]) -> Double, [Double])] = [
      ("shifted", { _ = d_shifted(p: $0, dp: &$1, seed: 1) }, { jvp_shifted(p: $0, dp: $1).1 }, [4, 3]),
      ("scaled", { _ = d_scaled(p: $0, dp: &$1, seed: 1) }, { jvp_scaled(p: $0, dp: $1).1 }, [0, 2]),
      ("repeated", { _ = d_repeated(p: $0, dp: &$1, seed: 1) }, { jvp_repeated(p: $0, dp: $1).1 }, [2, 0]),
    ]
    for (name, reverse, forward, want) in cases {
      var gradient = [0.0, 0.0]
      reverse(p, &gradient)
      check("\(name) reverse", gradient, want)
      check("\(name) forward", [forward(p, [1, 0]), forward(p, [0, 1])], want)
    }
    finish()
  }
}
