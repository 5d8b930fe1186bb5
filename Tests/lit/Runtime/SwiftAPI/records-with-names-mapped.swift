// RUN: %swad-api %s %S/Inputs/Check.swift -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s %S/Inputs/Check.swift -o %t.O0
// RUN: %t.O0 | FileCheck %s
// CHECK: checks passed
// Named parameters: records of a String and a Double made from the parameters with
// zip(names, p).map, filtered by name, and read back. The map copies each String's first word (its
// count and flags, a UInt64 field) from the names into the records as an integer; taken for a
// double's bits in memory that holds pointers too (the String's object) and doubles (the values),
// reverse mode refused the copy. Both places declare an integer there, so it is one
// (ActivityAnalysis.copiesDeclaredInteger). Both modes against central differences.
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct Parameter {
  var name: String
  var value: Double
}

let names = ["amplitude", "phase", "offset", "damping.rate"]

@autodiffReverse(name: "d_f", .duplicated, .active)
@autodiffForward(name: "fwd_f", .dual, .dualOnly)
func f(p: [Double]) -> Double {
  let parameters = zip(names, p).map { Parameter(name: $0, value: $1) }
  let shape = parameters.filter { !$0.name.contains(".") }
  var loss = 0.0
  for (i, parameter) in shape.enumerated() { loss += Double(i + 1) * sin(parameter.value) * parameter.value }
  let rates = parameters.filter { $0.name.hasSuffix("rate") }.map(\.value)
  return loss + rates.reduce(0) { $0 + exp($1) }
}

@main struct Main {
  static func main() {
    for p in [[0.4, -0.9, 1.3, 0.2], [-1.1, 0.3, 0.05, -0.7]] {
      var dp = [Double](repeating: 0, count: p.count)
      _ = d_f(p: p, dp: &dp, seed: 1)
      checkGradient("named parameters", dp, of: { f(p: $0) }, at: p, forward: { fwd_f(p: p, dp: $0) })
    }
    finish()
  }
}
