// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Reverse mode through sorted(by:) (an argsort of the active parameters, and the sorted values
// themselves) built without optimization: the augmented forward sweep of the throwing sort takes
// Swift's error register as an argument, which LLVM's fast instruction selector (what code
// generation at -O0 uses) reads as memory: the gradient crashed at `swad -O0`. Code generation runs
// at level 1 for such a module (Middle.codeGenerationLevel). Both modes, against central
// differences, at the default level and at -O0.
import SwadAutodiff

@autodiffReverse(name: "d_ranked", .duplicated, .active)
@autodiffForward(name: "fwd_ranked", .dual, .dual)
func ranked(p: [Double]) -> Double {
  let order = p.indices.sorted { p[$0] < p[$1] }
  var sum = 0.0
  for (rank, index) in order.enumerated() { sum += Double(rank + 1) * p[index] * p[index] }
  return sum
}

@autodiffReverse(name: "d_trimmed", .duplicated, .active)
@autodiffForward(name: "fwd_trimmed", .dual, .dual)
func trimmed(p: [Double]) -> Double {
  let sorted = p.sorted(by: >)
  return sorted.dropFirst().dropLast().reduce(0) { $0 + $1 * $1 }
}

@main struct Main {
  static func main() {
    let p = [0.9, -0.3, 0.5, 1.2, -1.4, 0.1, 0.7]
    var gradient = [Double](repeating: 0, count: p.count)
    _ = d_ranked(p: p, dp: &gradient, seed: 1)
    checkGradient("ranked", gradient, of: { ranked(p: $0) }, at: p, forward: { fwd_ranked(p: p, dp: $0).1 })
    gradient = [Double](repeating: 0, count: p.count)
    _ = d_trimmed(p: p, dp: &gradient, seed: 1)
    checkGradient("trimmed", gradient, of: { trimmed(p: $0) }, at: p, forward: { fwd_trimmed(p: p, dp: $0).1 })
    finish()
  }
}
