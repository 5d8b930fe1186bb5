// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Standard-library calls with nothing to differentiate, inside the differentiated function, both
// modes against central differences: a Double's `exponent` (an Int, computed in libswiftCore, taking
// no pointer: KnownFunctions.isSwiftFunctionOfNumbers) scaling a term, and terms chosen by comparing
// their names (`_stringCompareWithSmolCheck`, a Bool). Both were refused ("keep the active data out
// of it") though no derivative goes through them.
import SwadAutodiff

struct Term {
  var name: String
  var weight: Double
}

@inline(never) func label(_ i: Int) -> String { i % 2 == 0 ? "quadratic-term-kept" : "linear-term-dropped" }

@autodiffReverse(name: "d_model", .duplicated, .active)
@autodiffForward(name: "fwd_model", .dual, .dual)
func model(p: [Double]) -> Double {
  let terms = (0..<4).map { Term(name: label($0), weight: Double($0 + 1)) }
  var s = 0.0
  for (i, term) in terms.enumerated() where term.name != "linear-term-dropped" {
    s += term.weight * p[i % p.count] * p[(i + 1) % p.count]
  }
  // A scale the size of the first parameter decides (an integer: no derivative).
  let scale = Double((p[0] * 10).exponent)
  return s * scale + p[1] / scale
}

@main
struct Main {
  static func main() {
    for p in [[0.7, -1.3], [2.5, 0.4]] {
      var g = [Double](repeating: 0, count: p.count)
      _ = d_model(p: p, dp: &g, seed: 1)
      checkGradient("model", g, of: { model(p: $0) }, at: p, forward: { fwd_model(p: p, dp: $0).1 })
    }
    finish()
  }
}
